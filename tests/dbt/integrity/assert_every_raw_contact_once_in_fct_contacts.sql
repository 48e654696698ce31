-- Nothing lost between raw and core: every ticket and chat conversation (of every source) is
-- exactly one contact.
with

raw_contacts as (

    select 'ticket:' || ticket_id as contact_id from ({{ staged('tickets') }}) as tickets
    union all
    select 'chat:' || conversation_id as contact_id from ({{ staged('chat_conversations') }}) as chats

),

core_contacts as (

    select contact_id, count(*) as n_rows from {{ ref('fct_contacts') }}
    group by contact_id

)

select
    coalesce(raw_contacts.contact_id, core_contacts.contact_id) as contact_id,
    core_contacts.n_rows
from raw_contacts
full outer join core_contacts on raw_contacts.contact_id = core_contacts.contact_id
where raw_contacts.contact_id is null or core_contacts.contact_id is null or core_contacts.n_rows != 1
