-- Grain: one row per contact open at the data end, for prioritisation: ordered by created
-- date, with the account's value, the effort spent so far, time since the last agent reply
-- and the account's latest CSAT and NPS.
with

contacts as (

    select * from {{ ref('fct_contacts') }}
    where not is_solved

),

accounts as (

    select * from {{ ref('churn_accounts_at_risk') }}

),

latest_csat as (

    select account_id, score as latest_csat_score
    from (
        select
            account_id,
            score,
            row_number() over (partition by account_id order by responded_at desc, response_id desc) as answer_rank
        from {{ ref('fct_survey_responses') }}
        where survey_type = 'csat' and account_id is not null
    ) as ranked
    where answer_rank = 1

),

final as (

    select
        contacts.contact_id,
        contacts.created_at,
        contacts.created_date,
        contacts.channel,
        contacts.priority,
        contacts.reason,
        contacts.team_id,
        contacts.current_assignee_agent_id,
        contacts.current_status,
        contacts.customer_id,
        contacts.account_id,
        accounts.account_value_usd,
        accounts.segment,
        contacts.service_activity_count,
        contacts.handle_seconds,
        contacts.open_age_calendar_minutes / 60.0 as open_age_calendar_hours,
        {{ minutes_between('contacts.last_agent_reply_at', as_of_timestamp()) }} / 60.0
            as hours_since_last_agent_reply,
        latest_csat.latest_csat_score,
        accounts.latest_nps_score,
        coalesce(accounts.is_at_risk, false) as is_account_at_risk,
        row_number() over (order by contacts.created_at, contacts.contact_id) as created_order
    from contacts
    left join accounts on contacts.account_id = accounts.account_id
    left join latest_csat on contacts.account_id = latest_csat.account_id

)

{{ select_contract_columns('final') }}
