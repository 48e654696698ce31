-- The most valuable accounts at risk of churning, with what puts them at risk.
select
    account_id,
    account_value_usd,
    csat_score,
    latest_nps_score,
    oldest_open_contact_age_days
from {{ ref('churn_accounts_at_risk') }}
where is_at_risk
order by account_value_usd desc
limit 20
