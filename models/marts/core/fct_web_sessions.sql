-- Grain: one row per website session, with its first support-page view and whether the
-- visitor created a contact (chat or ticket) within N hours after it.
with

page_views as (

    select * from {{ ref('stg_helpdesk__page_views') }}

),

contacts as (

    select contact_id, customer_id, visitor_id, created_at from {{ ref('int_contacts_unioned') }}

),

sessions as (

    select
        session_id,
        max(visitor_id) as visitor_id,
        max(customer_id) as customer_id,
        min(viewed_at) as started_at,
        count(*) as page_view_count,
        min(case when is_support_page then viewed_at end) as first_support_view_at
    from page_views
    group by session_id

),

support_sessions as (

    select * from sessions
    where first_support_view_at is not null

),

contacted as (

    select support_sessions.session_id
    from support_sessions
    inner join contacts
        on
            support_sessions.customer_id = contacts.customer_id
            and support_sessions.first_support_view_at <= contacts.created_at
            and contacts.created_at
            <= {{ dbt.dateadd('hour', var('support_contact_window_hours'), 'support_sessions.first_support_view_at') }}

    union

    select support_sessions.session_id
    from support_sessions
    inner join contacts
        on
            support_sessions.visitor_id = contacts.visitor_id
            and support_sessions.first_support_view_at <= contacts.created_at
            and contacts.created_at
            <= {{ dbt.dateadd('hour', var('support_contact_window_hours'), 'support_sessions.first_support_view_at') }}

),

final as (

    select
        sessions.session_id,
        sessions.visitor_id,
        sessions.customer_id,
        sessions.started_at,
        {{ reporting_date('sessions.started_at') }} as started_date,
        sessions.page_view_count,
        sessions.first_support_view_at is not null as has_support_page_view,
        sessions.first_support_view_at,
        case
            when sessions.first_support_view_at is not null then contacted.session_id is not null
        end as has_contact_after_support_view
    from sessions
    left join contacted on sessions.session_id = contacted.session_id

)

select * from final
