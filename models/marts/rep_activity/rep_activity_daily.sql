-- Grain: one row per agent and reporting date: the agent's day from its measure families,
-- each counted in a model of its own (int_agent_contacts_daily: work, handled and assigned
-- contacts, once per agent and contact; int_agent_activities_daily: activities and solves on
-- their day; int_agent_outcomes_daily: first responses and resolutions), with scheduled
-- hours and the contacts assigned to the agent open at each day's end.
{%- set grain = ['agent_id', 'date_day'] %}
with

agent_contacts as (

    select * from {{ ref('int_agent_contacts_daily') }}

),

activities as (

    select * from {{ ref('int_agent_activities_daily') }}

),

outcomes as (

    select * from {{ ref('int_agent_outcomes_daily') }}

),

shifts_daily as (

    select agent_id, shift_date as date_day, sum(scheduled_hours) as scheduled_hours
    from {{ ref('fct_agent_shifts') }}
    where not is_bot
    group by agent_id, shift_date

),

open_daily as (

    select agent_id, date_day, sum(open_contact_count) as open_assigned_at_end_count
    from {{ ref('int_agent_open_cases_daily') }}
    group by agent_id, date_day

),

spine as (

    select agent_id, date_day from agent_contacts
    union
    select agent_id, date_day from activities
    union
    select agent_id, date_day from outcomes
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
        coalesce(agent_contacts.worked_contact_count, 0) as worked_contact_count,
        coalesce(agent_contacts.talk_seconds, 0) as talk_seconds,
        coalesce(agent_contacts.hold_seconds, 0) as hold_seconds,
        coalesce(agent_contacts.wrap_up_seconds, 0) as wrap_up_seconds,
        coalesce(agent_contacts.handle_seconds, 0) as handle_seconds,
        {{ ratio('agent_contacts.handle_seconds', 'agent_contacts.worked_contact_count') }} / 60.0
            as average_handle_time_minutes,
        coalesce(activities.service_activity_count, 0) as service_activity_count,
        coalesce(activities.reply_activity_count, 0) as reply_activity_count,
        coalesce(activities.internal_note_activity_count, 0) as internal_note_activity_count,
        coalesce(activities.call_activity_count, 0) as call_activity_count,
        coalesce(activities.status_change_activity_count, 0) as status_change_activity_count,
        coalesce(activities.reassignment_activity_count, 0) as reassignment_activity_count,
        coalesce(agent_contacts.handled_contact_count, 0) as handled_contact_count,
        coalesce(shifts_daily.scheduled_hours, 0) as scheduled_hours,
        -- a scheduled day without a handled contact is 0 per hour, not unknown
        {{ ratio('coalesce(agent_contacts.handled_contact_count, 0)', 'shifts_daily.scheduled_hours') }}
            as handled_contacts_per_scheduled_hour,
        coalesce(agent_contacts.assigned_contact_count, 0) as assigned_contact_count,
        coalesce(activities.solves_as_assignee_count, 0) as solves_as_assignee_count,
        coalesce(open_daily.open_assigned_at_end_count, 0) as open_assigned_at_end_count,
        coalesce(open_daily.open_assigned_at_end_count, 0) - coalesce(
            lag(open_daily.open_assigned_at_end_count) over (partition by spine.agent_id order by spine.date_day), 0
        ) as open_backlog_net_change,
        coalesce(outcomes.first_responded_contact_count, 0) as first_responded_contact_count,
        coalesce(outcomes.first_response_calendar_minutes_sum, 0) as first_response_calendar_minutes_sum,
        coalesce(outcomes.first_response_business_minutes_sum, 0) as first_response_business_minutes_sum,
        coalesce(outcomes.resolved_contact_count, 0) as resolved_contact_count,
        coalesce(outcomes.resolution_calendar_hours_sum, 0) as resolution_calendar_hours_sum,
        coalesce(outcomes.resolution_business_hours_sum, 0) as resolution_business_hours_sum
    from spine
    left join agent_contacts on {{ same_grain('spine', 'agent_contacts', grain) }}
    left join activities on {{ same_grain('spine', 'activities', grain) }}
    left join outcomes on {{ same_grain('spine', 'outcomes', grain) }}
    left join shifts_daily on {{ same_grain('spine', 'shifts_daily', grain) }}
    left join open_daily on {{ same_grain('spine', 'open_daily', grain) }}

)

{{ select_contract_columns('final') }}
