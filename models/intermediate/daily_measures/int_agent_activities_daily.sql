-- Grain: one row per agent and reporting date. The agent's service activities by type, and
-- the solves made while the agent was the assignee, each on the day it happened.
{%- set grain = ['agent_id', 'date_day'] %}
with

events as (

    select * from {{ ref('fct_contact_events') }}

),

activities_daily as (

    select
        agent_id,
        event_date as date_day,
        count(*) as service_activity_count,
        sum(case when activity_type = 'reply' then 1 else 0 end) as reply_activity_count,
        sum(case when activity_type = 'internal_note' then 1 else 0 end) as internal_note_activity_count,
        sum(case when activity_type = 'call' then 1 else 0 end) as call_activity_count,
        sum(case when activity_type = 'status_change' then 1 else 0 end) as status_change_activity_count,
        sum(case when activity_type = 'reassignment' then 1 else 0 end) as reassignment_activity_count
    from events
    where is_service_activity
    group by agent_id, event_date

),

solves_daily as (

    select assignee_after_event as agent_id, event_date as date_day, count(*) as solves_as_assignee_count
    from events
    where is_solve and assignee_after_event is not null
    group by assignee_after_event, event_date

),

spine as (

    select agent_id, date_day from activities_daily
    union
    select agent_id, date_day from solves_daily

),

final as (

    select
        spine.agent_id,
        spine.date_day,
        coalesce(activities_daily.service_activity_count, 0) as service_activity_count,
        coalesce(activities_daily.reply_activity_count, 0) as reply_activity_count,
        coalesce(activities_daily.internal_note_activity_count, 0) as internal_note_activity_count,
        coalesce(activities_daily.call_activity_count, 0) as call_activity_count,
        coalesce(activities_daily.status_change_activity_count, 0) as status_change_activity_count,
        coalesce(activities_daily.reassignment_activity_count, 0) as reassignment_activity_count,
        coalesce(solves_daily.solves_as_assignee_count, 0) as solves_as_assignee_count
    from spine
    left join activities_daily on {{ same_grain('spine', 'activities_daily', grain) }}
    left join solves_daily on {{ same_grain('spine', 'solves_daily', grain) }}

)

select * from final
