-- Grain: one row per agent pulse-survey answer, with the agent's team and eNPS group.
with

responses as (

    select * from {{ ref('stg_helpdesk__agent_pulse_responses') }}

),

agents as (

    select agent_id, team_id from ({{ staged('agents') }}) as agents

),

final as (

    select
        responses.response_id,
        responses.agent_id,
        agents.team_id,
        responses.responded_at,
        {{ reporting_date('responses.responded_at') }} as responded_date,
        responses.recommend_score,
        responses.happiness_score,
        case
            when responses.recommend_score is null then null
            when responses.recommend_score >= 9 then 'promoter'
            when responses.recommend_score >= 7 then 'passive'
            else 'detractor'
        end as enps_group
    from responses
    inner join agents on responses.agent_id = agents.agent_id

)

select * from final
