-- Grain: one row per team and local hour (int_team_hour_intervals): contacts offered to the
-- team's queue, the team's average handle time, the offered load, the agents Erlang C requires
-- for the target service level, and the agents actually staffed (on shift, not absent).
{%- set keys = ['team_id', 'starts_at'] %}
with

intervals as (

    select * from {{ ref('int_team_hour_intervals') }}

),

queue as (

    select * from {{ ref('fct_queue_entries') }}

),

agents as (

    select agent_id, team_id
    from ({{ staged('agents') }}) as agents
    where not is_bot

),

zones as (

    select * from {{ ref('int_team_time_zones') }}

),

staffed_periods as (

    select * from {{ ref('int_agent_staffed_periods') }}

),

work_records as (

    select * from {{ ref('fct_agent_work_records') }}

),

-- Each staffed period on every local date of its team it touches, so that it is joined to
-- that date's intervals only (a join on the team alone pairs it with every hour of the range).
-- The loader rejects shifts over 24 hours, so a period touches at most two local dates.
team_staffed_periods as (

    select
        agents.team_id,
        staffed_periods.starts_at,
        staffed_periods.ends_at,
        cast({{ utc_to_local('staffed_periods.starts_at', 'zones.time_zone') }} as date) as local_start_date,
        cast({{ utc_to_local('staffed_periods.ends_at', 'zones.time_zone') }} as date) as local_end_date
    from staffed_periods
    inner join agents on staffed_periods.agent_id = agents.agent_id
    inner join zones on agents.team_id = zones.team_id

),

team_staffed_period_dates as (

    select
        team_staffed_periods.team_id,
        team_staffed_periods.starts_at,
        team_staffed_periods.ends_at,
        cast({{ dbt.dateadd('day', 'numbers.n', 'team_staffed_periods.local_start_date') }} as date) as local_date
    from team_staffed_periods
    cross join {{ numbers(1) }} as numbers
    where
        numbers.n
        <= {{ dbt.datediff('team_staffed_periods.local_start_date', 'team_staffed_periods.local_end_date', 'day') }}

),

staffed as (

    select
        intervals.team_id,
        intervals.starts_at,
        sum(
            {{ epoch_seconds(
                'case when staffed_periods.ends_at < intervals.ends_at then staffed_periods.ends_at '
                ~ 'else intervals.ends_at end'
            ) }}
            - {{ epoch_seconds(
                'case when staffed_periods.starts_at > intervals.starts_at then staffed_periods.starts_at '
                ~ 'else intervals.starts_at end'
            ) }}
        ) as staffed_agent_seconds
    from intervals
    inner join team_staffed_period_dates as staffed_periods
        on
            intervals.team_id = staffed_periods.team_id
            and intervals.local_date = staffed_periods.local_date
            and intervals.ends_at > staffed_periods.starts_at
            and intervals.starts_at < staffed_periods.ends_at
    group by intervals.team_id, intervals.starts_at

),

offered as (

    select
        intervals.team_id,
        intervals.starts_at,
        sum(case when queue.outcome in ('answered', 'abandoned') then 1 else 0 end) as offered_contact_count,
        sum(case when queue.outcome = 'answered' then 1 else 0 end) as answered_contact_count,
        sum(case when queue.is_answered_within_threshold then 1 else 0 end) as answered_within_threshold_count
    from intervals
    inner join queue
        on
            intervals.team_id = queue.team_id
            and intervals.local_date = queue.local_queued_date
            and intervals.starts_at <= queue.queued_at
            and intervals.ends_at > queue.queued_at
    group by intervals.team_id, intervals.starts_at

),

-- Handle time of the contacts the team's queue answered, over the whole data range: the
-- team's AHT, the figure a workforce plan staffs with.
team_handle_times as (

    select
        queue.team_id,
        {{ ratio('sum(work_records.handle_seconds)', 'count(distinct queue.contact_id)') }} as average_handle_seconds
    from queue
    inner join work_records on queue.contact_id = work_records.contact_id
    where queue.outcome = 'answered'
    group by queue.team_id

),

loads as (

    select
        intervals.team_id,
        intervals.local_date,
        intervals.local_hour,
        intervals.local_day_of_week,
        intervals.starts_at,
        intervals.ends_at,
        intervals.interval_seconds,
        coalesce(offered.offered_contact_count, 0) as offered_contact_count,
        coalesce(offered.answered_contact_count, 0) as answered_contact_count,
        coalesce(offered.answered_within_threshold_count, 0) as answered_within_threshold_count,
        team_handle_times.average_handle_seconds,
        cast(coalesce(offered.offered_contact_count, 0) as {{ type_double() }})
        * team_handle_times.average_handle_seconds / intervals.interval_seconds as offered_load_erlangs,
        coalesce(staffed.staffed_agent_seconds, 0) / intervals.interval_seconds as staffed_agents
    from intervals
    left join offered on {{ same_grain('intervals', 'offered', keys) }}
    left join staffed on {{ same_grain('intervals', 'staffed', keys) }}
    left join team_handle_times on intervals.team_id = team_handle_times.team_id

),

required as (

    select * from {{ erlang_c_required_agents(
        'loads', keys, var('service_level_threshold_seconds'), var('target_service_level')
    ) }} as erlang

),

final as (

    select
        loads.*,
        case
            when loads.offered_contact_count = 0 then 0
            else required.required_agents
        end as required_agents
    from loads
    left join required on {{ same_grain('loads', 'required', keys) }}

)

select * from final
