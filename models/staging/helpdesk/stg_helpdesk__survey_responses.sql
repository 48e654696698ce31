with

source as (

    select * from {{ source('helpdesk', 'survey_responses') }}

),

renamed as (

    select
        cast({{ scoped_id('response_id') }} as {{ dbt.type_string() }}) as response_id,
        cast(survey_type as {{ dbt.type_string() }}) as survey_type,
        cast({{ scoped_id('customer_id') }} as {{ dbt.type_string() }}) as customer_id,
        cast({{ scoped_id('ticket_id') }} as {{ dbt.type_string() }}) as ticket_id,
        cast({{ scoped_id('conversation_id') }} as {{ dbt.type_string() }}) as conversation_id,
        cast(responded_at as {{ dbt.type_timestamp() }}) as responded_at,
        cast(score as {{ dbt.type_bigint() }}) as score,
        cast(_source_system as {{ dbt.type_string() }}) as source_system,
        cast(_load_id as {{ dbt.type_string() }}) as load_id,
        _loaded_at as loaded_at

    from source

)

select * from renamed
