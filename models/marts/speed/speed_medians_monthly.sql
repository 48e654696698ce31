-- Grain: one row per month, source system, channel, team and priority with the median first response
-- and resolution times. Medians cannot be re-aggregated: use this mart, not a sum of days.
{%- set grain = ['month_start_date', 'source_system', 'channel', 'team_id', 'priority'] %}
with

contacts as (

    select
        *,
        cast({{ dbt.date_trunc('month', 'created_date') }} as date) as created_month,
        cast({{ dbt.date_trunc('month', 'final_solved_date') }} as date) as solved_month
    from {{ ref('fct_contacts') }}

),

first_responses as (

    select
        created_month as month_start_date,
        source_system,
        channel,
        {{ reporting_team('team_id') }} as team_id,
        priority,
        count(first_response_calendar_minutes) as first_responded_contact_count,
        percentile_cont(0.5) within group (order by first_response_calendar_minutes)
            as median_first_response_calendar_minutes,
        percentile_cont(0.5) within group (order by first_response_business_minutes)
            as median_first_response_business_minutes
    from contacts
    where first_response_calendar_minutes is not null
    group by 1, 2, 3, 4, 5

),

resolutions as (

    select
        solved_month as month_start_date,
        source_system,
        channel,
        {{ reporting_team('team_id') }} as team_id,
        priority,
        count(*) as resolved_contact_count,
        percentile_cont(0.5) within group (order by resolution_calendar_minutes) / 60.0
            as median_resolution_calendar_hours,
        percentile_cont(0.5) within group (order by resolution_business_minutes) / 60.0
            as median_resolution_business_hours
    from contacts
    where is_solved
    group by 1, 2, 3, 4, 5

),

spine as (

    {{ grain_spine(['first_responses', 'resolutions'], grain) }}

),

final as (

    select
        spine.month_start_date,
        spine.source_system,
        spine.channel,
        spine.team_id,
        spine.priority,
        coalesce(first_responses.first_responded_contact_count, 0) as first_responded_contact_count,
        first_responses.median_first_response_calendar_minutes,
        first_responses.median_first_response_business_minutes,
        coalesce(resolutions.resolved_contact_count, 0) as resolved_contact_count,
        resolutions.median_resolution_calendar_hours,
        resolutions.median_resolution_business_hours
    from spine
    left join first_responses on {{ same_grain('spine', 'first_responses', grain) }}
    left join resolutions on {{ same_grain('spine', 'resolutions', grain) }}

)

{{ select_contract_columns('final') }}
