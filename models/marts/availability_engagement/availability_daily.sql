-- Grain: one row per reporting date: coverage and presence on page views, support-page
-- share and support contact rate on web sessions, and live-chat engagement.
with

page_views as (

    select * from {{ ref('fct_page_views') }}

),

sessions as (

    select * from {{ ref('fct_web_sessions') }}

),

chats as (

    select created_date, count(*) as chat_started_count
    from {{ ref('fct_contacts') }}
    where channel = 'chat' and not is_bot_started
    group by created_date

),

views_daily as (

    select
        viewed_date as date_day,
        count(*) as page_view_count,
        sum(case when is_staffed_coverage then 1 else 0 end) as staffed_page_view_count,
        sum(case when is_chat_shown_online then 1 else 0 end) as chat_online_page_view_count,
        sum(case when chat_button_shown then 1 else 0 end) as chat_button_shown_page_view_count
    from page_views
    group by viewed_date

),

sessions_daily as (

    select
        started_date as date_day,
        count(*) as web_session_count,
        sum(case when has_support_page_view then 1 else 0 end) as support_session_count,
        sum(case when has_contact_after_support_view then 1 else 0 end) as support_session_contacted_count
    from sessions
    group by started_date

),

spine as (

    select date_day from views_daily
    union
    select date_day from sessions_daily
    union
    select created_date as date_day from chats

),

final as (

    select
        spine.date_day,
        coalesce(views_daily.page_view_count, 0) as page_view_count,
        coalesce(views_daily.staffed_page_view_count, 0) as staffed_page_view_count,
        {{ ratio('views_daily.staffed_page_view_count', 'views_daily.page_view_count') }} as coverage_rate,
        coalesce(views_daily.chat_online_page_view_count, 0) as chat_online_page_view_count,
        {{ ratio('views_daily.chat_online_page_view_count', 'views_daily.page_view_count') }} as presence_rate,
        coalesce(sessions_daily.web_session_count, 0) as web_session_count,
        coalesce(sessions_daily.support_session_count, 0) as support_session_count,
        {{ ratio('sessions_daily.support_session_count', 'sessions_daily.web_session_count') }}
            as support_page_share,
        coalesce(sessions_daily.support_session_contacted_count, 0) as support_session_contacted_count,
        {{ ratio('sessions_daily.support_session_contacted_count', 'sessions_daily.support_session_count') }}
            as support_contact_rate,
        coalesce(views_daily.chat_button_shown_page_view_count, 0) as chat_button_shown_page_view_count,
        coalesce(chats.chat_started_count, 0) as chat_started_count,
        {{ ratio('chats.chat_started_count', 'views_daily.chat_button_shown_page_view_count') }}
            as live_chat_engagement_ratio
    from spine
    left join views_daily on spine.date_day = views_daily.date_day
    left join sessions_daily on spine.date_day = sessions_daily.date_day
    left join chats on spine.date_day = chats.created_date

)

{{ select_contract_columns('final') }}
