-- The calendar range every spine covers: from two days before the first contact or shift
-- to two days after the data end (one row).
with

tickets as (

    select min(created_at) as first_at from {{ ref('stg_helpdesk__tickets') }}

),

chats as (

    select min(started_at) as first_at from {{ ref('stg_helpdesk__chat_conversations') }}

),

shifts as (

    select min(starts_at) as first_at from {{ ref('stg_helpdesk__agent_shifts') }}

),

first_instant as (

    select coalesce(least(tickets.first_at, chats.first_at, shifts.first_at), {{ as_of_timestamp() }}) as first_at
    from tickets
    cross join chats
    cross join shifts

),

bounds as (

    select
        cast({{ dbt.dateadd('day', -2, 'first_at') }} as date) as first_date,
        cast({{ dbt.dateadd('day', 2, as_of_timestamp()) }} as date) as last_date
    from first_instant

),

final as (

    select
        first_date,
        last_date,
        {{ dbt.datediff('first_date', 'last_date', 'day') }} as day_count  -- noqa: LT05
    from bounds

)

select * from final
