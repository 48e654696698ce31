-- Grain: one row per reporting date, human agent and team: handle time (talk + hold + wrap-up
-- of work records started that day) over staffed time (on shift and not absent). Handle time
-- outside any staffed period counts in the numerator and is reported apart, so occupancy can
-- exceed 100 %.
{%- set grain = ['date_day', 'agent_id'] %}
with

agents as (

    select agent_id, team_id
    from {{ ref('dim_agents') }}
    where not is_bot

),

work_records as (

    select
        records.work_record_id,
        records.agent_id,
        records.started_date as date_day,
        records.started_at,
        -- in doubles: Spark divides an integer by 60.0 in decimals of six places (microseconds lost)
        {{ add_minutes('records.started_at', to_double('records.handle_seconds') ~ ' / 60') }} as ended_at,
        records.handle_seconds
    from {{ ref('fct_agent_work_records') }} as records
    inner join agents on records.agent_id = agents.agent_id

),

staffed_periods as (

    select * from {{ ref('int_agent_staffed_periods') }}

),

data_range as (

    select * from {{ ref('int_calendar_range') }}

),

days as (

    select
        cast({{ dbt.dateadd('day', 'numbers.n', 'data_range.first_date') }} as date) as date_day,
        {{ reporting_day_start(dbt.dateadd('day', 'numbers.n', 'data_range.first_date')) }} as day_starts_at,
        {{ reporting_day_start(dbt.dateadd('day', 'numbers.n + 1', 'data_range.first_date')) }} as day_ends_at
    from data_range
    cross join {{ numbers(5) }} as numbers
    where numbers.n <= data_range.day_count

),

staffed as (

    select
        days.date_day,
        staffed_periods.agent_id,
        sum(
            {{ epoch_seconds(
                'case when staffed_periods.ends_at < days.day_ends_at then staffed_periods.ends_at else days.day_ends_at end'
            ) }}
            - {{ epoch_seconds(
                'case when staffed_periods.starts_at > days.day_starts_at then staffed_periods.starts_at '
                ~ 'else days.day_starts_at end'
            ) }}
        ) as staffed_seconds
    from staffed_periods
    inner join days on staffed_periods.starts_at < days.day_ends_at and staffed_periods.ends_at > days.day_starts_at
    group by days.date_day, staffed_periods.agent_id

),

work_inside as (

    -- One row per work record (two records can start at the same instant with the same length).
    select
        work_records.work_record_id,
        work_records.date_day,
        work_records.agent_id,
        work_records.started_at,
        work_records.handle_seconds,
        -- A record that meets no staffed period joins one row of nulls: it adds 0 (the case
        -- expressions would fall back to the record's own ends and count all of it as inside).
        sum(case
            when staffed_periods.agent_id is null then 0
            else
                {{ epoch_seconds(
                    'case when staffed_periods.ends_at < work_records.ended_at then staffed_periods.ends_at '
                    ~ 'else work_records.ended_at end'
                ) }}
                - {{ epoch_seconds(
                    'case when staffed_periods.starts_at > work_records.started_at then staffed_periods.starts_at '
                    ~ 'else work_records.started_at end'
                ) }}
        end) as inside_seconds
    from work_records
    left join staffed_periods
        on
            work_records.agent_id = staffed_periods.agent_id
            and work_records.ended_at > staffed_periods.starts_at
            and work_records.started_at < staffed_periods.ends_at
    group by
        work_records.work_record_id,
        work_records.date_day,
        work_records.agent_id,
        work_records.started_at,
        work_records.handle_seconds

),

handled as (

    select
        date_day,
        agent_id,
        count(*) as work_record_count,
        sum(handle_seconds) as handle_seconds,
        sum(handle_seconds - inside_seconds) as handle_seconds_outside_staffed
    from work_inside
    group by date_day, agent_id

),

spine as (

    {{ grain_spine(['staffed', 'handled'], grain) }}

),

final as (

    select
        spine.date_day,
        spine.agent_id,
        agents.team_id,
        coalesce(handled.work_record_count, 0) as work_record_count,
        cast(coalesce(handled.handle_seconds, 0) as {{ type_double() }}) as handle_seconds,
        cast(coalesce(handled.handle_seconds_outside_staffed, 0) as {{ type_double() }})
            as handle_seconds_outside_staffed,
        cast(coalesce(staffed.staffed_seconds, 0) as {{ type_double() }}) as staffed_seconds,
        {{ ratio('coalesce(handled.handle_seconds, 0)', 'staffed.staffed_seconds') }} as agent_occupancy
    from spine
    inner join agents on spine.agent_id = agents.agent_id
    left join handled on {{ same_grain('spine', 'handled', grain) }}
    left join staffed on {{ same_grain('spine', 'staffed', grain) }}

)

{{ select_contract_columns('final') }}
