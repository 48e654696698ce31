-- Grain: one row per website page view, flagged when a human agent was on shift (coverage).
with

page_views as (

    select * from {{ ref('stg_helpdesk__page_views') }}

),

staffed as (

    select * from {{ ref('int_staffed_periods') }}

),

covered as (

    select page_views.page_view_id
    from page_views
    inner join staffed
        on
            cast(page_views.viewed_at as date) = staffed.staffed_date
            and page_views.viewed_at >= staffed.starts_at
            and page_views.viewed_at < staffed.ends_at
    group by page_views.page_view_id

),

final as (

    select
        page_views.page_view_id,
        page_views.session_id,
        page_views.visitor_id,
        page_views.customer_id,
        page_views.viewed_at,
        {{ reporting_date('page_views.viewed_at') }} as viewed_date,
        page_views.page_path,
        page_views.is_support_page,
        page_views.chat_button_shown,
        page_views.chat_online,
        page_views.chat_button_shown and page_views.chat_online as is_chat_shown_online,
        covered.page_view_id is not null as is_staffed_coverage
    from page_views
    left join covered on page_views.page_view_id = covered.page_view_id

)

select * from final
