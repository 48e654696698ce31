-- Grain: one row per bot-conversation start date, source system, team and reason: containment and
-- escalation of conversations started with a bot.
with

bot_conversations as (

    select * from {{ ref('fct_contacts') }}
    where is_bot_started

),

final as (

    select
        created_date as date_day,
        source_system,
        {{ reporting_team('team_id') }} as team_id,
        reason,
        count(*) as bot_conversation_count,
        sum(case when is_handed_over then 1 else 0 end) as handed_over_count,
        {{ ratio('sum(case when is_handed_over then 1 else 0 end)', 'count(*)') }} as bot_escalation_rate,
        sum(bot_handover_minutes) as handover_minutes_sum,
        {{ ratio('sum(bot_handover_minutes)', 'sum(case when is_handed_over then 1 else 0 end)') }}
            as avg_minutes_to_handover,
        sum(case when is_bot_contained is not null then 1 else 0 end) as ended_bot_conversation_count,
        sum(case when is_bot_contained then 1 else 0 end) as contained_count,
        {{ ratio('sum(case when is_bot_contained then 1 else 0 end)',
            'sum(case when is_bot_contained is not null then 1 else 0 end)') }} as containment_rate
    from bot_conversations
    group by 1, 2, 3, 4

)

{{ select_contract_columns('final') }}
