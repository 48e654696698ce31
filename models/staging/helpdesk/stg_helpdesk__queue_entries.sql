with

source as (

    select * from {{ source('helpdesk', 'queue_entries') }}

),

renamed as (

    select
        cast({{ scoped_id('queue_entry_id') }} as {{ dbt.type_string() }}) as queue_entry_id,
        cast(channel as {{ dbt.type_string() }}) as source_channel,
        cast({{ scoped_id('team_id') }} as {{ dbt.type_string() }}) as team_id,
        cast({{ scoped_id('ticket_id') }} as {{ dbt.type_string() }}) as ticket_id,
        cast({{ scoped_id('conversation_id') }} as {{ dbt.type_string() }}) as conversation_id,
        cast(ivr_entered_at as {{ dbt.type_timestamp() }}) as ivr_entered_at,
        cast(queued_at as {{ dbt.type_timestamp() }}) as queued_at,
        cast(answered_at as {{ dbt.type_timestamp() }}) as answered_at,
        cast(abandoned_at as {{ dbt.type_timestamp() }}) as abandoned_at,
        cast({{ scoped_id('answered_by_agent_id') }} as {{ dbt.type_string() }}) as answered_by_agent_id,
        cast(_source_system as {{ dbt.type_string() }}) as source_system,
        cast(_load_id as {{ dbt.type_string() }}) as load_id,
        _loaded_at as loaded_at

    from source

),

mapped as (

    {{ select_with_mapped_channel('renamed') }}

)

select * from mapped
