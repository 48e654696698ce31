-- Grain: one row per period in which one human agent was on shift and not absent, [starts_at,
-- ends_at). Built by sweeping the agent's shift and absence boundaries, without expanding time
-- into minutes. Coverage (int_staffed_periods), occupancy and staffed agents per hour read it.
with

agents as (

    {{ staged('agents') }}

),

shifts as (

    select shifts.agent_id, shifts.starts_at, shifts.ends_at
    from {{ ref('stg_helpdesk__agent_shifts') }} as shifts
    inner join agents on shifts.agent_id = agents.agent_id
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

agent_periods as (

    select
        agent_id,
        changes_at as starts_at,
        lead(changes_at) over (partition by agent_id order by changes_at) as ends_at,
        is_staffed
    from agent_staffed

),

final as (

    select agent_id, starts_at, ends_at
    from agent_periods
    where is_staffed = 1 and ends_at is not null

)

select * from final
