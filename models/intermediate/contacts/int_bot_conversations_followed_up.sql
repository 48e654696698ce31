-- Grain: one row per ended bot conversation that was followed by an assisted contact (a ticket,
-- a call or a chat a human took over) of the same customer or visitor, from the conversation's
-- start up to `contained_followup_window_hours` after its end: such a conversation is not
-- contained.
with

contacts as (

    select * from {{ ref('int_contacts_unioned') }}

),

assisted_contacts as (

    select contact_id, customer_id, visitor_id, created_at
    from contacts
    where not is_bot_started or handed_over_at is not null

),

bot_conversations as (

    select contact_id, customer_id, visitor_id, created_at, ended_at
    from contacts
    where is_bot_started and ended_at is not null

),

contact_identities as (

    -- Who a contact belongs to: its customer and its web visitor; either links a follow-up.
    select contact_id, 'customer:' || customer_id as identity_key
    from contacts
    where customer_id is not null
    union all
    select contact_id, 'visitor:' || visitor_id as identity_key
    from contacts
    where visitor_id is not null

),

final as (

    select distinct bot_conversations.contact_id
    from bot_conversations
    inner join contact_identities as bot_identities on bot_conversations.contact_id = bot_identities.contact_id
    inner join contact_identities as assisted_identities
        on bot_identities.identity_key = assisted_identities.identity_key
    inner join assisted_contacts
        on
            assisted_identities.contact_id = assisted_contacts.contact_id
            and bot_conversations.created_at <= assisted_contacts.created_at
            and assisted_contacts.created_at
            <= {{ dbt.dateadd('hour', var('contained_followup_window_hours'), 'bot_conversations.ended_at') }}

)

select * from final
