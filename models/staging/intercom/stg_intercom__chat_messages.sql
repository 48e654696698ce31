-- Intercom messages in the shape of stg_helpdesk__chat_messages: each conversation's opening
-- message (`source_body` of its current version) and every part that carries text a
-- participant saw (comments, and assignments, opens and closes written with a reply). Notes
-- are internal and are no message. Authors: `user` and `lead` are the customer, `admin` an
-- agent, `bot` (Fin, Operator, workflows) a bot.
with

conversations as (

    select * from {{ ref('base_intercom__conversations') }}

),

parts as (

    select * from {{ ref('base_intercom__conversation_parts') }}

),

messages as (

    select
        {{ connector_id('intercom', 'id', kind='source') }} as message_id,
        id as conversation_id,
        created_at as sent_at,
        source_author_type as author_type,
        source_author_id as author_id,
        source_body as body,
        _fivetran_synced
    from conversations

    union all

    select
        {{ connector_id('intercom', 'id') }} as message_id,
        conversation_id,
        created_at as sent_at,
        author_type,
        author_id,
        body,
        _fivetran_synced
    from parts
    where body is not null and part_type in ('comment', 'assignment', 'open', 'close')

),

renamed as (

    select
        cast(message_id as {{ dbt.type_string() }}) as message_id,
        {{ connector_id('intercom', 'conversation_id') }} as conversation_id,
        cast(sent_at as {{ dbt.type_timestamp() }}) as sent_at,
        cast(case
            when author_type in ('user', 'lead') then 'customer'
            when author_type = 'admin' then 'agent'
            when author_type = 'bot' then 'bot'
            else 'system'
        end as {{ dbt.type_string() }}) as author_type,
        case when author_type in ('admin', 'bot') then {{ connector_id('intercom', 'author_id') }} end as agent_id,
        cast(body as {{ dbt.type_string() }}) as body,
        cast('{{ var("intercom_source_system") }}' as {{ dbt.type_string() }}) as source_system,
        cast(null as {{ dbt.type_string() }}) as load_id,
        cast(_fivetran_synced as {{ dbt.type_timestamp() }}) as loaded_at
    from messages
    where author_type in ('user', 'lead', 'admin', 'bot')

)

select * from renamed
