-- Grain: one row per team, local day of week and local hour: the staffing view averaged over
-- every such hour of the data range (hours without contacts count, with 0 agents required).
-- Averages are stored as sums and the number of intervals, so any subset re-aggregates.
with

hourly as (

    select * from {{ ref('contact_centre_staffing_hourly') }}

),

final as (

    select
        team_id,
        local_day_of_week,
        local_hour,
        count(*) as interval_count,
        sum(offered_contact_count) as offered_contact_count,
        sum(offered_load_erlangs) as offered_load_erlangs_sum,
        sum(required_agents) as required_agents_sum,
        sum(staffed_agents) as staffed_agents_sum,
        {{ ratio('sum(required_agents)', 'count(required_agents)') }} as average_required_agents,
        {{ ratio('sum(staffed_agents)', 'count(*)') }} as average_staffed_agents,
        {{ ratio('sum(staffing_gap)', 'count(staffing_gap)') }} as average_staffing_gap
    from hourly
    group by team_id, local_day_of_week, local_hour

)

{{ select_contract_columns('final') }}
