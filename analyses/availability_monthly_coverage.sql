-- Coverage, presence and live-chat engagement per month.
select
    {{ dbt.date_trunc('month', 'date_day') }} as month_start,
    {{ ratio('sum(staffed_page_view_count)', 'sum(page_view_count)') }} as coverage_rate,
    {{ ratio('sum(chat_online_page_view_count)', 'sum(page_view_count)') }} as presence_rate,
    {{ ratio('sum(chat_started_count)', 'sum(chat_button_shown_page_view_count)') }} as live_chat_engagement
from {{ ref('availability_daily') }}
group by 1
order by 1
