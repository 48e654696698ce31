with

source as (

    select * from {{ source('helpdesk', 'chat_messages') }}

),

renamed as (

    select
        cast(message_id as {{ dbt.type_string() }}) as message_id,
        cast(conversation_id as {{ dbt.type_string() }}) as conversation_id,
        cast(sent_at as {{ dbt.type_timestamp() }}) as sent_at,
        cast(author_type as {{ dbt.type_string() }}) as author_type,
        cast(agent_id as {{ dbt.type_string() }}) as agent_id,
        cast(body as {{ dbt.type_string() }}) as body,
        _loaded_at as loaded_at

    from source

)

select * from renamed
