-- The current version of each Intercom contact (`contact_history`): role `user` is an
-- identified customer, `lead` an anonymous visitor.
{{ latest_version(source('intercom', 'contact_history')) }}
