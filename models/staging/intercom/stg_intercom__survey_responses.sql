-- Intercom conversation ratings (1 to 5, on the conversation's current version) as CSAT
-- answers about the conversation, in the shape of stg_helpdesk__survey_responses.
with

conversations as (

    select * from {{ ref('base_intercom__conversations') }}
    where conversation_rating_value is not null

),

conversation_contacts as (

    select * from {{ ref('base_intercom__conversation_contacts') }}

),

contacts as (

    select * from {{ ref('base_intercom__contacts') }}

),

renamed as (

    select
        {{ connector_id('intercom', 'conversations.id', kind='rating') }} as response_id,
        cast('csat' as {{ dbt.type_string() }}) as survey_type,
        case when contacts.role = 'user' then {{ connector_id('intercom', 'contacts.id') }} end as customer_id,
        cast(null as {{ dbt.type_string() }}) as ticket_id,
        {{ connector_id('intercom', 'conversations.id') }} as conversation_id,
        cast(conversations.conversation_rating_created_at as {{ dbt.type_timestamp() }}) as responded_at,
        cast(conversations.conversation_rating_value as {{ dbt.type_bigint() }}) as score,
        cast('{{ var("intercom_source_system") }}' as {{ dbt.type_string() }}) as source_system,
        cast(null as {{ dbt.type_string() }}) as load_id,
        cast(conversations._fivetran_synced as {{ dbt.type_timestamp() }}) as loaded_at
    from conversations
    left join conversation_contacts on conversations.id = conversation_contacts.conversation_id
    left join contacts on conversation_contacts.contact_id = contacts.id

)

select * from renamed
