-- The calendar range every spine covers: from two days before the first contact to two
-- days after the data end (one row).
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

bounds as (

    select
        cast(
            {{ dbt.dateadd('day', -2, 'coalesce(least(tickets.first_at, chats.first_at, shifts.first_at), ' ~ as_of_timestamp() ~ ')') }}
            as date
        ) as first_date,
        cast({{ dbt.dateadd('day', 2, as_of_timestamp()) }} as date) as last_date
    from tickets
    cross join chats
    cross join shifts

),

final as (

    select
        first_date,
        last_date,
        {{ dbt.datediff('first_date', 'last_date', 'day') }} as day_count
    from bounds

)

select * from final
