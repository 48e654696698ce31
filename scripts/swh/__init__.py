"""swh: Python helpers of the customer-service warehouse (generator, loader, contract)."""

__version__ = "0.1.0"
