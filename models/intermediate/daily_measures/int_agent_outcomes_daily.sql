-- Grain: one row per agent and reporting date. First responses count for the first agent to
-- reply, on the contact's creation date; resolutions for the last agent to reply, on its
-- final solve date.
{%- set grain = ['agent_id', 'date_day'] %}
with

contacts as (

    select * from {{ ref('fct_contacts') }}

),

first_responses_daily as (

    select
        first_reply_agent_id as agent_id,
        created_date as date_day,
        count(*) as first_responded_contact_count,
        sum(first_response_calendar_minutes) as first_response_calendar_minutes_sum,
        sum(first_response_business_minutes) as first_response_business_minutes_sum
    from contacts
    where first_reply_agent_id is not null
    group by first_reply_agent_id, created_date

),

resolutions_daily as (

    select
        last_reply_agent_id as agent_id,
        final_solved_date as date_day,
        count(*) as resolved_contact_count,
        sum(resolution_calendar_minutes) / 60.0 as resolution_calendar_hours_sum,
        sum(resolution_business_minutes) / 60.0 as resolution_business_hours_sum
    from contacts
    where is_solved and last_reply_agent_id is not null
    group by last_reply_agent_id, final_solved_date

),

spine as (

    select agent_id, date_day from first_responses_daily
    union
    select agent_id, date_day from resolutions_daily

),

final as (

    select
        spine.agent_id,
        spine.date_day,
        coalesce(first_responses_daily.first_responded_contact_count, 0) as first_responded_contact_count,
        coalesce(first_responses_daily.first_response_calendar_minutes_sum, 0) as first_response_calendar_minutes_sum,
        coalesce(first_responses_daily.first_response_business_minutes_sum, 0) as first_response_business_minutes_sum,
        coalesce(resolutions_daily.resolved_contact_count, 0) as resolved_contact_count,
        coalesce(resolutions_daily.resolution_calendar_hours_sum, 0) as resolution_calendar_hours_sum,
        coalesce(resolutions_daily.resolution_business_hours_sum, 0) as resolution_business_hours_sum
    from spine
    left join first_responses_daily on {{ same_grain('spine', 'first_responses_daily', grain) }}
    left join resolutions_daily on {{ same_grain('spine', 'resolutions_daily', grain) }}

)

select * from final
