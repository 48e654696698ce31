-- The contact of each Intercom conversation: of its latest `conversation_contact_history`
-- version, the first contact id (a conversation with several participants is attributed to one).
with

versions as (

    select
        conversation_id,
        contact_id,
        rank() over (partition by conversation_id order by conversation_updated_at desc) as version_rank
    from {{ source('intercom', 'conversation_contact_history') }}

)

select conversation_id, min(contact_id) as contact_id
from versions
where version_rank = 1
group by conversation_id
