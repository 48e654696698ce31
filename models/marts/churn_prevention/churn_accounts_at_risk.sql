-- Grain: one row per account with at least one contact or survey answer: contacts, value,
-- CSAT, NPS, CES and the churn-risk flag (latest NPS answer 0-6, or CSAT over all answers
-- strictly below 50%, or a contact open strictly more than 7 days at the data end).
with

accounts as (

    select * from {{ ref('dim_accounts') }}

),

contacts as (

    select * from {{ ref('fct_contacts') }}
    where account_id is not null

),

responses as (

    select * from {{ ref('fct_survey_responses') }}
    where account_id is not null

),

contact_summary as (

    select
        account_id,
        count(*) as contact_count,
        sum(case when not is_solved then 1 else 0 end) as open_contact_count,
        max(open_age_calendar_minutes) / 1440.0 as oldest_open_contact_age_days
    from contacts
    group by account_id

),

survey_summary as (

    select
        account_id,
        sum(case when survey_type = 'csat' then 1 else 0 end) as csat_response_count,
        sum(case when is_csat_satisfied then 1 else 0 end) as csat_satisfied_count,
        sum(case when survey_type = 'ces' then 1 else 0 end) as ces_response_count,
        sum(case when survey_type = 'ces' then score else 0 end) as ces_score_sum,
        sum(case when survey_type = 'nps' then 1 else 0 end) as nps_response_count,
        sum(case when nps_group = 'promoter' then 1 else 0 end) as nps_promoter_count,
        sum(case when nps_group = 'detractor' then 1 else 0 end) as nps_detractor_count
    from responses
    group by account_id

),

latest_nps as (

    select account_id, score as latest_nps_score, responded_at as latest_nps_responded_at
    from (
        select
            account_id,
            score,
            responded_at,
            row_number() over (partition by account_id order by responded_at desc, response_id desc) as answer_rank
        from responses
        where survey_type = 'nps'
    ) as ranked
    where answer_rank = 1

),

final as (

    select
        accounts.account_id,
        cast({{ as_of_timestamp() }} as date) as snapshot_date,
        accounts.account_name,
        accounts.segment,
        accounts.account_value_usd,
        coalesce(contact_summary.contact_count, 0) as contact_count,
        coalesce(contact_summary.open_contact_count, 0) as open_contact_count,
        contact_summary.oldest_open_contact_age_days,
        coalesce(survey_summary.csat_response_count, 0) as csat_response_count,
        coalesce(survey_summary.csat_satisfied_count, 0) as csat_satisfied_count,
        100 * {{ ratio('survey_summary.csat_satisfied_count', 'survey_summary.csat_response_count') }} as csat_score,
        coalesce(survey_summary.ces_response_count, 0) as ces_response_count,
        {{ ratio('survey_summary.ces_score_sum', 'survey_summary.ces_response_count') }} as mean_ces,
        coalesce(survey_summary.nps_response_count, 0) as nps_response_count,
        100 * {{ ratio('survey_summary.nps_promoter_count - survey_summary.nps_detractor_count',
            'survey_summary.nps_response_count') }} as nps,
        latest_nps.latest_nps_score,
        coalesce(latest_nps.latest_nps_score <= 6, false) as is_latest_nps_detractor,
        coalesce(
            survey_summary.csat_response_count > 0
            and 2 * survey_summary.csat_satisfied_count < survey_summary.csat_response_count,
            false
        ) as is_csat_below_half,
        coalesce(contact_summary.oldest_open_contact_age_days > {{ var('at_risk_open_days') }}, false)
            as has_contact_open_too_long,
        coalesce(latest_nps.latest_nps_score <= 6, false)
        or coalesce(
            survey_summary.csat_response_count > 0
            and 2 * survey_summary.csat_satisfied_count < survey_summary.csat_response_count,
            false
        )
        or coalesce(contact_summary.oldest_open_contact_age_days > {{ var('at_risk_open_days') }}, false)
            as is_at_risk
    from accounts
    left join contact_summary on accounts.account_id = contact_summary.account_id
    left join survey_summary on accounts.account_id = survey_summary.account_id
    left join latest_nps on accounts.account_id = latest_nps.account_id
    where contact_summary.account_id is not null or survey_summary.account_id is not null

)

{{ select_contract_columns('final') }}
