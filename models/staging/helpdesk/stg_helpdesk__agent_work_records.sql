with

source as (

    select * from {{ source('helpdesk', 'agent_work_records') }}

),

renamed as (

    select
        cast({{ scoped_id('work_record_id') }} as {{ dbt.type_string() }}) as work_record_id,
        cast({{ scoped_id('agent_id') }} as {{ dbt.type_string() }}) as agent_id,
        cast({{ scoped_id('ticket_id') }} as {{ dbt.type_string() }}) as ticket_id,
        cast({{ scoped_id('conversation_id') }} as {{ dbt.type_string() }}) as conversation_id,
        cast(started_at as {{ dbt.type_timestamp() }}) as started_at,
        cast(talk_seconds as {{ dbt.type_bigint() }}) as talk_seconds,
        cast(hold_seconds as {{ dbt.type_bigint() }}) as hold_seconds,
        cast(wrap_up_seconds as {{ dbt.type_bigint() }}) as wrap_up_seconds,
        cast(_source_system as {{ dbt.type_string() }}) as source_system,
        cast(_load_id as {{ dbt.type_string() }}) as load_id,
        _loaded_at as loaded_at

    from source

)

select * from renamed
