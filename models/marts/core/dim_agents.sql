-- Grain: one row per agent (human or bot).
with

agents as (

    {{ staged('agents') }}

),

teams as (

    {{ staged('teams') }}

),

final as (

    select
        agents.agent_id,
        agents.agent_name,
        agents.team_id,
        teams.team_name,
        agents.is_bot,
        agents.hired_on,
        agents.left_on,
        agents.hourly_cost_usd
    from agents
    left join teams on agents.team_id = teams.team_id

)

{{ select_contract_columns('final') }}
