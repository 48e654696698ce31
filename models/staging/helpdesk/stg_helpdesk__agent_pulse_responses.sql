with

source as (

    select * from {{ source('helpdesk', 'agent_pulse_responses') }}

),

renamed as (

    select
        cast({{ scoped_id('response_id') }} as {{ dbt.type_string() }}) as response_id,
        cast({{ scoped_id('agent_id') }} as {{ dbt.type_string() }}) as agent_id,
        cast(responded_at as {{ dbt.type_timestamp() }}) as responded_at,
        cast(recommend_score as {{ dbt.type_bigint() }}) as recommend_score,
        cast(happiness_score as {{ dbt.type_bigint() }}) as happiness_score,
        cast(_source_system as {{ dbt.type_string() }}) as source_system,
        cast(_load_id as {{ dbt.type_string() }}) as load_id,
        _loaded_at as loaded_at

    from source

)

select * from renamed
