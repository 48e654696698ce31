-- Grain: one row per agent and reporting date. The contacts an agent worked on, handled
-- (worked on or replied to) and was assigned, each counted once per agent and contact, on the
-- first day the agent touched it, so sums over days stay exact; the work's seconds count with
-- the contact, on that first day.
{%- set grain = ['agent_id', 'date_day'] %}
with

work_records as (

    select * from {{ ref('fct_agent_work_records') }}

),

events as (

    select agent_id, contact_id, event_date, event_type, assignee_agent_id, is_agent_reply
    from {{ ref('fct_contact_events') }}

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

spine as (

    select agent_id, date_day from work_daily
    union
    select agent_id, date_day from handled_daily
    union
    select agent_id, date_day from assigned_daily

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
        coalesce(handled_daily.handled_contact_count, 0) as handled_contact_count,
        coalesce(assigned_daily.assigned_contact_count, 0) as assigned_contact_count
    from spine
    left join work_daily on {{ same_grain('spine', 'work_daily', grain) }}
    left join handled_daily on {{ same_grain('spine', 'handled_daily', grain) }}
    left join assigned_daily on {{ same_grain('spine', 'assigned_daily', grain) }}

)

select * from final
