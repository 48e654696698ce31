"""Dashboard page: contact-centre queues and the staffing gap."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from common import render  # noqa: E402
from pages_spec import PAGES  # noqa: E402

render(PAGES["contact_centre"])
