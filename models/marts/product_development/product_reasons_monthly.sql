-- Grain: one row per month and contact reason: FCR, time to resolution (average, median,
-- by stage), resolutions and activities per resolution (final-solve month), inflow,
-- outflow and open backlog (month end).
{%- set grain = ['month_start_date', 'reason'] %}
with

contacts as (

    select
        *,
        cast({{ dbt.date_trunc('month', 'created_date') }} as date) as created_month,
        cast({{ dbt.date_trunc('month', 'final_solved_date') }} as date) as solved_month
    from {{ ref('fct_contacts') }}

),

intervals as (

    select * from {{ ref('fct_contact_stage_intervals') }}

),

events as (

    select
        cast({{ dbt.date_trunc('month', 'event_date') }} as date) as month_start_date,
        reason,
        sum(case when is_solve then 1 else 0 end) as outflow_count,
        sum(case when is_reopen then 1 else 0 end) as reopen_count
    from {{ ref('fct_contact_events') }}
    where is_solve or is_reopen
    group by 1, 2

),

inflow as (

    select created_month as month_start_date, reason, count(*) as inflow_count
    from contacts
    group by 1, 2

),

resolved as (

    select
        solved_month as month_start_date,
        reason,
        count(*) as resolved_contact_count,
        sum(case when is_fcr_eligible then 1 else 0 end) as fcr_eligible_contact_count,
        sum(case when is_first_contact_resolution then 1 else 0 end) as fcr_contact_count,
        sum(service_activity_count) as resolved_service_activity_count,
        sum(resolution_calendar_minutes) / 60.0 as resolution_calendar_hours_sum,
        sum(resolution_business_minutes) / 60.0 as resolution_business_hours_sum,
        percentile_cont(0.5) within group (order by resolution_calendar_minutes) / 60.0
            as median_resolution_calendar_hours,
        percentile_cont(0.5) within group (order by resolution_business_minutes) / 60.0
            as median_resolution_business_hours
    from contacts
    where is_solved
    group by 1, 2

),

stages as (

    select
        contacts.solved_month as month_start_date,
        contacts.reason,
        sum(case when intervals.stage = 'new' then intervals.stage_calendar_minutes else 0 end) / 60.0
            as new_stage_calendar_hours_sum,
        sum(case when intervals.stage = 'open' then intervals.stage_calendar_minutes else 0 end) / 60.0
            as open_stage_calendar_hours_sum,
        sum(case when intervals.stage = 'pending' then intervals.stage_calendar_minutes else 0 end) / 60.0
            as pending_stage_calendar_hours_sum,
        sum(case when intervals.stage = 'on_hold' then intervals.stage_calendar_minutes else 0 end) / 60.0
            as on_hold_stage_calendar_hours_sum,
        sum(case when intervals.stage = 'solved' then intervals.stage_calendar_minutes else 0 end) / 60.0
            as solved_stage_calendar_hours_sum
    from contacts
    inner join intervals on contacts.contact_id = intervals.contact_id
    where contacts.is_solved
    group by 1, 2

),

spine as (

    select month_start_date, reason from inflow
    union
    select month_start_date, reason from resolved
    union
    select month_start_date, reason from events

),

flows as (

    select
        spine.month_start_date,
        spine.reason,
        coalesce(inflow.inflow_count, 0) as inflow_count,
        coalesce(events.outflow_count, 0) as outflow_count,
        coalesce(events.reopen_count, 0) as reopen_count
    from spine
    left join inflow on {{ same_grain('spine', 'inflow', grain) }}
    left join events on {{ same_grain('spine', 'events', grain) }}

),

final as (

    select
        flows.month_start_date,
        flows.reason,
        flows.inflow_count,
        flows.outflow_count,
        flows.reopen_count,
        sum(flows.inflow_count - flows.outflow_count + flows.reopen_count) over (
            partition by flows.reason order by flows.month_start_date rows unbounded preceding
        ) as open_backlog_at_month_end_count,
        coalesce(resolved.resolved_contact_count, 0) as resolved_contact_count,
        coalesce(resolved.fcr_contact_count, 0) as fcr_contact_count,
        coalesce(resolved.fcr_eligible_contact_count, 0) as fcr_eligible_contact_count,
        {{ ratio('resolved.fcr_contact_count', 'resolved.fcr_eligible_contact_count') }} as fcr_rate,
        coalesce(resolved.resolved_service_activity_count, 0) as resolved_service_activity_count,
        {{ ratio('resolved.resolved_service_activity_count', 'resolved.resolved_contact_count') }}
            as activities_per_resolution,
        coalesce(resolved.resolution_calendar_hours_sum, 0) as resolution_calendar_hours_sum,
        coalesce(resolved.resolution_business_hours_sum, 0) as resolution_business_hours_sum,
        {{ ratio('resolved.resolution_calendar_hours_sum', 'resolved.resolved_contact_count') }}
            as avg_resolution_calendar_hours,
        resolved.median_resolution_calendar_hours,
        resolved.median_resolution_business_hours,
        coalesce(stages.new_stage_calendar_hours_sum, 0) as new_stage_calendar_hours_sum,
        coalesce(stages.open_stage_calendar_hours_sum, 0) as open_stage_calendar_hours_sum,
        coalesce(stages.pending_stage_calendar_hours_sum, 0) as pending_stage_calendar_hours_sum,
        coalesce(stages.on_hold_stage_calendar_hours_sum, 0) as on_hold_stage_calendar_hours_sum,
        coalesce(stages.solved_stage_calendar_hours_sum, 0) as solved_stage_calendar_hours_sum
    from flows
    left join resolved on {{ same_grain('flows', 'resolved', grain) }}
    left join stages on {{ same_grain('flows', 'stages', grain) }}

)

{{ select_contract_columns('final') }}
