-- Grain: one row per shift date and team: scheduled hours of human agents and the hours
-- lost to unplanned absence (planned leave stays in the denominator).
with

shifts as (

    select * from {{ ref('fct_agent_shifts') }}
    where not is_bot

),

final as (

    select
        shift_date as date_day,
        team_id,
        sum(scheduled_hours) as scheduled_hours,
        sum(unplanned_absence_hours) as unplanned_absence_hours,
        sum(planned_absence_hours) as planned_absence_hours,
        {{ ratio('sum(unplanned_absence_hours)', 'sum(scheduled_hours)') }} as absenteeism_rate
    from shifts
    group by 1, 2

)

{{ select_contract_columns('final') }}
