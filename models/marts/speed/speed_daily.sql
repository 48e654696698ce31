-- Grain: one row per reporting date, source system, channel, team and priority. Each measure is counted
-- on the date of its own event: first response and SLA on the contact's creation date,
-- resolution on its final solve date, time to first solve on the first solve date (every
-- contact solved at least once, reopened or not), response cycles on the date the customer wrote.
-- The solved-contact aggregates come from int_contacts_solved_daily, shared with effectiveness_daily.
{%- set grain = ['date_day', 'source_system', 'channel', 'team_id', 'priority'] %}
with

contacts as (

    select * from {{ ref('fct_contacts') }}

),

cycles as (

    select * from {{ ref('fct_contact_response_cycles') }}

),

created as (

    select
        created_date as date_day,
        source_system,
        channel,
        {{ reporting_team('team_id') }} as team_id,
        priority,
        count(*) as created_contact_count,
        sum(case when first_response_calendar_minutes is not null then 1 else 0 end) as first_responded_contact_count,
        sum(first_response_calendar_minutes) as first_response_calendar_minutes_sum,
        sum(first_response_business_minutes) as first_response_business_minutes_sum,
        sum(case when is_awaiting_first_response then 1 else 0 end) as awaiting_first_response_count,
        sum(case when first_response_sla_status = 'achieved' then 1 else 0 end) as first_response_sla_achieved_count,
        sum(case when first_response_sla_status in ('achieved', 'breached') then 1 else 0 end)
            as first_response_sla_measured_count,
        sum(case when resolution_sla_status = 'achieved' then 1 else 0 end) as resolution_sla_achieved_count,
        sum(case when resolution_sla_status in ('achieved', 'breached') then 1 else 0 end)
            as resolution_sla_measured_count
    from contacts
    group by 1, 2, 3, 4, 5

),

solved as (

    select * from {{ ref('int_contacts_solved_daily') }}

),

responses as (

    select
        awaiting_since_date as date_day,
        source_system,
        channel,
        {{ reporting_team('team_id') }} as team_id,
        priority,
        sum(case when is_answered then 1 else 0 end) as answered_response_cycle_count,
        sum(response_calendar_minutes) as response_calendar_minutes_sum,
        sum(response_business_minutes) as response_business_minutes_sum
    from cycles
    group by 1, 2, 3, 4, 5

),

spine as (

    {{ grain_spine(['created', 'solved', 'responses'], grain) }}

),

final as (

    select
        spine.date_day,
        spine.source_system,
        spine.channel,
        spine.team_id,
        spine.priority,
        coalesce(created.created_contact_count, 0) as created_contact_count,
        coalesce(created.first_responded_contact_count, 0) as first_responded_contact_count,
        coalesce(created.first_response_calendar_minutes_sum, 0) as first_response_calendar_minutes_sum,
        coalesce(created.first_response_business_minutes_sum, 0) as first_response_business_minutes_sum,
        {{ ratio('created.first_response_calendar_minutes_sum', 'created.first_responded_contact_count') }}
            as avg_first_response_calendar_minutes,
        {{ ratio('created.first_response_business_minutes_sum', 'created.first_responded_contact_count') }}
            as avg_first_response_business_minutes,
        coalesce(created.awaiting_first_response_count, 0) as awaiting_first_response_count,
        coalesce(responses.answered_response_cycle_count, 0) as answered_response_cycle_count,
        coalesce(responses.response_calendar_minutes_sum, 0) as response_calendar_minutes_sum,
        coalesce(responses.response_business_minutes_sum, 0) as response_business_minutes_sum,
        {{ ratio('responses.response_calendar_minutes_sum', 'responses.answered_response_cycle_count') }}
            as avg_response_calendar_minutes,
        {{ ratio('responses.response_business_minutes_sum', 'responses.answered_response_cycle_count') }}
            as avg_response_business_minutes,
        coalesce(solved.resolved_contact_count, 0) as resolved_contact_count,
        coalesce(solved.resolution_calendar_hours_sum, 0) as resolution_calendar_hours_sum,
        coalesce(solved.resolution_business_hours_sum, 0) as resolution_business_hours_sum,
        coalesce(solved.first_solved_contact_count, 0) as first_solved_contact_count,
        coalesce(solved.first_resolution_calendar_hours_sum, 0) as first_resolution_calendar_hours_sum,
        coalesce(solved.first_resolution_business_hours_sum, 0) as first_resolution_business_hours_sum,
        {{ ratio('solved.resolution_calendar_hours_sum', 'solved.resolved_contact_count') }}
            as avg_resolution_calendar_hours,
        {{ ratio('solved.resolution_business_hours_sum', 'solved.resolved_contact_count') }}
            as avg_resolution_business_hours,
        coalesce(created.first_response_sla_achieved_count, 0) as first_response_sla_achieved_count,
        coalesce(created.first_response_sla_measured_count, 0) as first_response_sla_measured_count,
        {{ ratio('created.first_response_sla_achieved_count', 'created.first_response_sla_measured_count') }}
            as first_response_sla_attainment_rate,
        coalesce(created.resolution_sla_achieved_count, 0) as resolution_sla_achieved_count,
        coalesce(created.resolution_sla_measured_count, 0) as resolution_sla_measured_count,
        {{ ratio('created.resolution_sla_achieved_count', 'created.resolution_sla_measured_count') }}
            as resolution_sla_attainment_rate
    from spine
    left join created on {{ same_grain('spine', 'created', grain) }}
    left join solved on {{ same_grain('spine', 'solved', grain) }}
    left join responses on {{ same_grain('spine', 'responses', grain) }}

)

{{ select_contract_columns('final') }}
