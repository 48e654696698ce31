with

source as (

    select * from {{ source('helpdesk', 'chat_messages') }}

),

renamed as (

    select
        cast({{ scoped_id('message_id') }} as {{ dbt.type_string() }}) as message_id,
        cast({{ scoped_id('conversation_id') }} as {{ dbt.type_string() }}) as conversation_id,
        cast(sent_at as {{ dbt.type_timestamp() }}) as sent_at,
        cast(author_type as {{ dbt.type_string() }}) as author_type,
        cast({{ scoped_id('agent_id') }} as {{ dbt.type_string() }}) as agent_id,
        cast(body as {{ dbt.type_string() }}) as body,
        cast(_source_system as {{ dbt.type_string() }}) as source_system,
        cast(_load_id as {{ dbt.type_string() }}) as load_id,
        _loaded_at as loaded_at

    from source

)

select * from renamed
