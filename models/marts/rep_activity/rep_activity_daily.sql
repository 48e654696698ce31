-- Grain: one row per agent and reporting date. Work, handled contacts and assignments are
-- counted once per agent and contact, on the first day the agent touched the contact, so
-- sums over days stay exact; activities and solves count on the day they happened. First
-- responses count for the first agent to reply (creation date), resolutions for the last
-- agent to reply (final solve date).
{%- set grain = ['agent_id', 'date_day'] %}
with

work_records as (

    select * from {{ ref('fct_agent_work_records') }}

),

events as (

    select * from {{ ref('fct_contact_events') }}

),

contacts as (

    select * from {{ ref('fct_contacts') }}

),

shifts as (

    select * from {{ ref('fct_agent_shifts') }}
    where not is_bot

),

open_cases as (

    select * from {{ ref('rep_open_cases_daily') }}

),

agent_contact_work as (

    select
        agent_id,
        contact_id,
        min(started_date) as date_day,
        sum(talk_seconds) as talk_seconds,
        sum(hold_seconds) as hold_seconds,
        sum(wrap_up_seconds) as wrap_up_seconds,
        sum(handle_seconds) as handle_seconds
    from work_records
    group by agent_id, contact_id

),

agent_contact_touches as (

    select agent_id, contact_id, min(date_day) as date_day
    from (
        select agent_id, contact_id, date_day from agent_contact_work
        union all
        select agent_id, contact_id, event_date as date_day from events
        where is_agent_reply
    ) as touches
    group by agent_id, contact_id

),

agent_contact_assignments as (

    select assignee_agent_id as agent_id, contact_id, min(event_date) as date_day
    from events
    where event_type = 'assignment' and assignee_agent_id is not null
    group by assignee_agent_id, contact_id

),

work_daily as (

    select
        agent_id,
        date_day,
        count(*) as worked_contact_count,
        sum(talk_seconds) as talk_seconds,
        sum(hold_seconds) as hold_seconds,
        sum(wrap_up_seconds) as wrap_up_seconds,
        sum(handle_seconds) as handle_seconds
    from agent_contact_work
    group by agent_id, date_day

),

handled_daily as (

    select agent_id, date_day, count(*) as handled_contact_count
    from agent_contact_touches
    group by agent_id, date_day

),

assigned_daily as (

    select agent_id, date_day, count(*) as assigned_contact_count
    from agent_contact_assignments
    group by agent_id, date_day

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

shifts_daily as (

    select agent_id, shift_date as date_day, sum(scheduled_hours) as scheduled_hours
    from shifts
    group by agent_id, shift_date

),

open_daily as (

    select agent_id, date_day, sum(open_contact_count) as open_assigned_at_end_count
    from open_cases
    group by agent_id, date_day

),

spine as (

    select agent_id, date_day from work_daily
    union
    select agent_id, date_day from handled_daily
    union
    select agent_id, date_day from assigned_daily
    union
    select agent_id, date_day from activities_daily
    union
    select agent_id, date_day from solves_daily
    union
    select agent_id, date_day from first_responses_daily
    union
    select agent_id, date_day from resolutions_daily
    union
    select agent_id, date_day from shifts_daily
    union
    select agent_id, date_day from open_daily
    -- the day after an open snapshot, so a drop to zero open contacts is recorded
    union
    select agent_id, cast({{ dbt.dateadd('day', 1, 'date_day') }} as date) as date_day
    from open_daily
    where date_day < cast({{ as_of_timestamp() }} as date)

),

final as (

    select
        spine.agent_id,
        spine.date_day,
        coalesce(work_daily.worked_contact_count, 0) as worked_contact_count,
        coalesce(work_daily.talk_seconds, 0) as talk_seconds,
        coalesce(work_daily.hold_seconds, 0) as hold_seconds,
        coalesce(work_daily.wrap_up_seconds, 0) as wrap_up_seconds,
        coalesce(work_daily.handle_seconds, 0) as handle_seconds,
        {{ ratio('work_daily.handle_seconds', 'work_daily.worked_contact_count') }} / 60.0
            as average_handle_time_minutes,
        coalesce(activities_daily.service_activity_count, 0) as service_activity_count,
        coalesce(activities_daily.reply_activity_count, 0) as reply_activity_count,
        coalesce(activities_daily.internal_note_activity_count, 0) as internal_note_activity_count,
        coalesce(activities_daily.call_activity_count, 0) as call_activity_count,
        coalesce(activities_daily.status_change_activity_count, 0) as status_change_activity_count,
        coalesce(activities_daily.reassignment_activity_count, 0) as reassignment_activity_count,
        coalesce(handled_daily.handled_contact_count, 0) as handled_contact_count,
        coalesce(shifts_daily.scheduled_hours, 0) as scheduled_hours,
        {{ ratio('handled_daily.handled_contact_count', 'shifts_daily.scheduled_hours') }}
            as handled_contacts_per_scheduled_hour,
        coalesce(assigned_daily.assigned_contact_count, 0) as assigned_contact_count,
        coalesce(solves_daily.solves_as_assignee_count, 0) as solves_as_assignee_count,
        coalesce(open_daily.open_assigned_at_end_count, 0) as open_assigned_at_end_count,
        coalesce(open_daily.open_assigned_at_end_count, 0) - coalesce(
            lag(open_daily.open_assigned_at_end_count) over (partition by spine.agent_id order by spine.date_day), 0
        ) as open_backlog_net_change,
        coalesce(first_responses_daily.first_responded_contact_count, 0) as first_responded_contact_count,
        coalesce(first_responses_daily.first_response_calendar_minutes_sum, 0) as first_response_calendar_minutes_sum,
        coalesce(first_responses_daily.first_response_business_minutes_sum, 0) as first_response_business_minutes_sum,
        coalesce(resolutions_daily.resolved_contact_count, 0) as resolved_contact_count,
        coalesce(resolutions_daily.resolution_calendar_hours_sum, 0) as resolution_calendar_hours_sum,
        coalesce(resolutions_daily.resolution_business_hours_sum, 0) as resolution_business_hours_sum
    from spine
    left join work_daily on {{ same_grain('spine', 'work_daily', grain) }}
    left join handled_daily on {{ same_grain('spine', 'handled_daily', grain) }}
    left join assigned_daily on {{ same_grain('spine', 'assigned_daily', grain) }}
    left join activities_daily on {{ same_grain('spine', 'activities_daily', grain) }}
    left join solves_daily on {{ same_grain('spine', 'solves_daily', grain) }}
    left join first_responses_daily on {{ same_grain('spine', 'first_responses_daily', grain) }}
    left join resolutions_daily on {{ same_grain('spine', 'resolutions_daily', grain) }}
    left join shifts_daily on {{ same_grain('spine', 'shifts_daily', grain) }}
    left join open_daily on {{ same_grain('spine', 'open_daily', grain) }}

)

{{ select_contract_columns('final') }}
