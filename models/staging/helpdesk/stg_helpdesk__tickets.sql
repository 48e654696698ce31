with

source as (

    select * from {{ source('helpdesk', 'tickets') }}

),

renamed as (

    select
        cast({{ scoped_id('ticket_id') }} as {{ dbt.type_string() }}) as ticket_id,
        cast(channel as {{ dbt.type_string() }}) as source_channel,
        cast(priority as {{ dbt.type_string() }}) as priority,
        cast(reason as {{ dbt.type_string() }}) as reason,
        cast({{ scoped_id('customer_id') }} as {{ dbt.type_string() }}) as customer_id,
        cast({{ scoped_id('team_id') }} as {{ dbt.type_string() }}) as team_id,
        cast(schedule_id as {{ dbt.type_string() }}) as schedule_id,
        cast(created_at as {{ dbt.type_timestamp() }}) as created_at,
        cast(tags as {{ dbt.type_string() }}) as tags,
        cast(subject as {{ dbt.type_string() }}) as subject,
        cast(updated_at as {{ dbt.type_timestamp() }}) as updated_at,
        cast(_source_system as {{ dbt.type_string() }}) as source_system,
        cast(_load_id as {{ dbt.type_string() }}) as load_id,
        _loaded_at as loaded_at

    from source

),

mapped as (

    {{ select_with_mapped_channel('renamed') }}

)

select * from mapped
