-- The data end ("as of"): the latest event in the data, or var as_of when set.
with

ticket_events as (

    select max(event_at) as latest_at from {{ ref('stg_helpdesk__ticket_events') }}

),

tickets as (

    select max(created_at) as latest_at from {{ ref('stg_helpdesk__tickets') }}

),

chat_messages as (

    select max(sent_at) as latest_at from {{ ref('stg_helpdesk__chat_messages') }}

),

chats as (

    select max(coalesce(ended_at, started_at)) as latest_at from {{ ref('stg_helpdesk__chat_conversations') }}

),

latest as (

    select max(latest_at) as latest_at
    from (
        select latest_at from ticket_events
        union all
        select latest_at from tickets
        union all
        select latest_at from chat_messages
        union all
        select latest_at from chats
    ) as candidates

),

final as (

    select
        {% if var('as_of', '') -%}
            cast('{{ var("as_of") }}' as {{ dbt.type_timestamp() }})
        {%- else -%}
            latest_at
        {%- endif %} as data_end_at
    from latest

)

select * from final
