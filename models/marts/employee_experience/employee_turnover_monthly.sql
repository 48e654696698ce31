-- Grain: one row per month and team: human agents who left (leave date, their first day no
-- longer employed, inside the month) over the average of the headcounts on the month's
-- first and last day.
with

agents as (

    select * from {{ ref('dim_agents') }}
    where not is_bot

),

months as (

    select
        month_start_date,
        max(date_day) as month_end_date
    from {{ ref('dim_dates') }}
    group by month_start_date

),

final as (

    select
        months.month_start_date,
        {{ reporting_team('agents.team_id') }} as team_id,
        sum(case
            when agents.hired_on <= months.month_start_date
                and (agents.left_on is null or agents.left_on > months.month_start_date) then 1
            else 0
        end) as headcount_first_day,
        sum(case
            when agents.hired_on <= months.month_end_date
                and (agents.left_on is null or agents.left_on > months.month_end_date) then 1
            else 0
        end) as headcount_last_day,
        sum(case
            when agents.left_on >= months.month_start_date and agents.left_on <= months.month_end_date then 1 else 0
        end) as leaver_count,
        {{ ratio(
            'sum(case when agents.left_on >= months.month_start_date and agents.left_on <= months.month_end_date '
            ~ 'then 1 else 0 end)',
            '(sum(case when agents.hired_on <= months.month_start_date and (agents.left_on is null '
            ~ 'or agents.left_on > months.month_start_date) then 1 else 0 end) + sum(case when agents.hired_on '
            ~ '<= months.month_end_date and (agents.left_on is null or agents.left_on > months.month_end_date) '
            ~ 'then 1 else 0 end)) / 2.0'
        ) }} as agent_turnover_rate
    from months
    cross join agents
    group by months.month_start_date, {{ reporting_team('agents.team_id') }}

)

{{ select_contract_columns('final') }}
