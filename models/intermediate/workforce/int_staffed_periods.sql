-- Periods in which at least one human agent was on shift and not absent ("opening hours as
-- actually staffed"), cut at UTC midnights so page views find theirs with an equi-join.
-- Built by sweeping shift and absence boundaries, without expanding time into minutes.
with

shifts as (

    select shifts.agent_id, shifts.starts_at, shifts.ends_at
    from {{ ref('stg_helpdesk__agent_shifts') }} as shifts
    inner join {{ ref('stg_helpdesk__agents') }} as agents on shifts.agent_id = agents.agent_id
    where not agents.is_bot and shifts.ends_at > shifts.starts_at

),

absences as (

    select agent_id, starts_at, ends_at
    from {{ ref('stg_helpdesk__agent_absences') }}
    where ends_at > starts_at

),

agent_deltas as (

    select agent_id, starts_at as changes_at, 1 as shift_delta, 0 as absence_delta from shifts
    union all
    select agent_id, ends_at as changes_at, -1 as shift_delta, 0 as absence_delta from shifts
    union all
    select agent_id, starts_at as changes_at, 0 as shift_delta, 1 as absence_delta from absences
    union all
    select agent_id, ends_at as changes_at, 0 as shift_delta, -1 as absence_delta from absences

),

agent_points as (

    select agent_id, changes_at, sum(shift_delta) as shift_delta, sum(absence_delta) as absence_delta
    from agent_deltas
    group by agent_id, changes_at

),

agent_depths as (

    select
        agent_id,
        changes_at,
        sum(shift_delta) over (partition by agent_id order by changes_at rows unbounded preceding) as shift_depth,
        sum(absence_delta) over (partition by agent_id order by changes_at rows unbounded preceding) as absence_depth
    from agent_points

),

agent_staffed as (

    select
        agent_id,
        changes_at,
        case when shift_depth > 0 and absence_depth <= 0 then 1 else 0 end as is_staffed
    from agent_depths

),

agent_transitions as (

    select
        changes_at,
        is_staffed - coalesce(lag(is_staffed) over (partition by agent_id order by changes_at), 0) as staffed_delta
    from agent_staffed

),

global_points as (

    select changes_at, sum(staffed_delta) as staffed_delta
    from agent_transitions
    group by changes_at

),

global_periods as (

    select
        changes_at as starts_at,
        lead(changes_at) over (order by changes_at) as ends_at,
        sum(staffed_delta) over (order by changes_at rows unbounded preceding) as staffed_agent_count
    from global_points

),

staffed as (

    select starts_at, ends_at, staffed_agent_count
    from global_periods
    where staffed_agent_count > 0 and ends_at is not null

),

data_range as (

    select * from {{ ref('int_calendar_range') }}

),

days as (

    select
        cast({{ dbt.dateadd('day', 'numbers.n', 'data_range.first_date') }} as date) as staffed_date,
        cast({{ dbt.dateadd('day', 'numbers.n', 'data_range.first_date') }} as {{ dbt.type_timestamp() }})
            as day_starts_at,
        cast({{ dbt.dateadd('day', 'numbers.n + 1', 'data_range.first_date') }} as {{ dbt.type_timestamp() }})
            as day_ends_at
    from data_range
    cross join {{ numbers(5) }} as numbers
    where numbers.n <= data_range.day_count

),

final as (

    select
        days.staffed_date,
        case when staffed.starts_at > days.day_starts_at then staffed.starts_at else days.day_starts_at end
            as starts_at,
        case when staffed.ends_at < days.day_ends_at then staffed.ends_at else days.day_ends_at end as ends_at,
        staffed.staffed_agent_count
    from staffed
    inner join days on staffed.starts_at < days.day_ends_at and staffed.ends_at > days.day_starts_at

)

select * from final
