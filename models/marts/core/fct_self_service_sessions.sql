-- Grain: one row per self-service session (article view, search, bot answer), flagged as
-- deflected when no assisted contact (ticket or human-handled chat) of the same customer
-- or visitor followed from its start up to N hours later.
with

sessions as (

    select * from {{ ref('stg_helpdesk__self_service_sessions') }}

),

assisted_contacts as (

    select contact_id, customer_id, visitor_id, created_at
    from {{ ref('int_contacts_unioned') }}
    where not is_bot_started or handed_over_at is not null

),

followed as (

    select sessions.session_id
    from sessions
    inner join assisted_contacts
        on
            sessions.customer_id = assisted_contacts.customer_id
            and sessions.started_at <= assisted_contacts.created_at
            and assisted_contacts.created_at
            <= {{ dbt.dateadd('hour', var('deflection_window_hours'), 'sessions.started_at') }}

    union

    select sessions.session_id
    from sessions
    inner join assisted_contacts
        on
            sessions.visitor_id = assisted_contacts.visitor_id
            and sessions.started_at <= assisted_contacts.created_at
            and assisted_contacts.created_at
            <= {{ dbt.dateadd('hour', var('deflection_window_hours'), 'sessions.started_at') }}

),

final as (

    select
        sessions.session_id,
        sessions.visitor_id,
        sessions.customer_id,
        sessions.session_type,
        sessions.started_at,
        {{ reporting_date('sessions.started_at') }} as started_date,
        sessions.ended_at,
        followed.session_id is null as is_deflected
    from sessions
    left join followed on sessions.session_id = followed.session_id

)

select * from final
