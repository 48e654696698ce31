-- Bot containment and escalation per month.
select
    {{ dbt.date_trunc('month', 'date_day') }} as month_start,
    {{ ratio('sum(contained_count)', 'sum(ended_bot_conversation_count)') }} as containment_rate,
    {{ ratio('sum(handed_over_count)', 'sum(bot_conversation_count)') }} as bot_escalation_rate
from {{ ref('automation_bot_daily') }}
group by 1
order by 1
