-- Zendesk satisfaction ratings (Fivetran `satisfaction_rating`) as CSAT answers in the shape
-- of stg_helpdesk__survey_responses. Zendesk asks "good or bad": good is 5 and bad is 1 on
-- the project's CSAT scale (so good is satisfied, bad is not). A rating that was offered and
-- never answered (`offered`, `unoffered`) is not an answer and is left out.
with

ratings as (

    select * from {{ source('zendesk', 'satisfaction_rating') }}
    where score in ('good', 'bad')

),

renamed as (

    select
        {{ connector_id('zendesk', 'id') }} as response_id,
        cast('csat' as {{ dbt.type_string() }}) as survey_type,
        {{ connector_id('zendesk', 'requester_id') }} as customer_id,
        {{ connector_id('zendesk', 'ticket_id') }} as ticket_id,
        cast(null as {{ dbt.type_string() }}) as conversation_id,
        cast(coalesce(updated_at, created_at) as {{ dbt.type_timestamp() }}) as responded_at,
        cast(case score when 'good' then 5 else 1 end as {{ dbt.type_bigint() }}) as score,
        cast('{{ var("zendesk_source_system") }}' as {{ dbt.type_string() }}) as source_system,
        cast(null as {{ dbt.type_string() }}) as load_id,
        cast(_fivetran_synced as {{ dbt.type_timestamp() }}) as loaded_at
    from ratings

)

select * from renamed
