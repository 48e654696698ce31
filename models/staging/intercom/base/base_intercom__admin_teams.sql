-- The team of each Intercom admin: the first (lowest id) of the teams they belong to
-- (`team_admin`), as agents belong to one team in the project's contract.
select admin_id, min(team_id) as team_id
from {{ source('intercom', 'team_admin') }}
where not coalesce(_fivetran_deleted, false)
group by admin_id
