with

source as (

    select * from {{ source('helpdesk', 'survey_responses') }}

),

renamed as (

    select
        cast(response_id as {{ dbt.type_string() }}) as response_id,
        cast(survey_type as {{ dbt.type_string() }}) as survey_type,
        cast(customer_id as {{ dbt.type_string() }}) as customer_id,
        cast(ticket_id as {{ dbt.type_string() }}) as ticket_id,
        cast(conversation_id as {{ dbt.type_string() }}) as conversation_id,
        cast(responded_at as {{ dbt.type_timestamp() }}) as responded_at,
        cast(score as {{ dbt.type_bigint() }}) as score,
        _loaded_at as loaded_at

    from source

)

select * from renamed
