with

source as (

    select * from {{ source('helpdesk', 'ticket_events') }}

),

renamed as (

    select
        cast({{ scoped_id('event_id') }} as {{ dbt.type_string() }}) as event_id,
        cast({{ scoped_id('ticket_id') }} as {{ dbt.type_string() }}) as ticket_id,
        cast(event_at as {{ dbt.type_timestamp() }}) as event_at,
        cast(event_type as {{ dbt.type_string() }}) as event_type,
        cast(actor_type as {{ dbt.type_string() }}) as actor_type,
        cast({{ scoped_id('agent_id') }} as {{ dbt.type_string() }}) as agent_id,
        cast(status as {{ dbt.type_string() }}) as status,
        cast({{ scoped_id('assignee_agent_id') }} as {{ dbt.type_string() }}) as assignee_agent_id,
        cast({{ scoped_id('team_id') }} as {{ dbt.type_string() }}) as team_id,
        cast(is_auto_acknowledgement as {{ dbt.type_boolean() }}) as is_auto_acknowledgement,
        cast(body as {{ dbt.type_string() }}) as body,
        cast(_source_system as {{ dbt.type_string() }}) as source_system,
        cast(_load_id as {{ dbt.type_string() }}) as load_id,
        _loaded_at as loaded_at

    from source

)

select * from renamed
