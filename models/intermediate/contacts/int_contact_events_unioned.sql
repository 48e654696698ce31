-- One row per event of every contact: ticket events as they are, chat messages as public
-- replies, a chat's first human agent as an assignment (by the bot when handed over), and
-- a chat's end as a solve. Source statuses are mapped to the canonical ones. A ticket's move
-- to another team carries that team (new_team_id; null on every other event). Incremental:
-- the contacts loaded since the last build (macro config_contact_incremental).
{{ config_contact_incremental() }}

with

ticket_events as (

    {{ staged('ticket_events') }}

),

chat_messages as (

    {{ staged('chat_messages') }}

),

chats as (

    {{ staged('chat_conversations') }}

),

agents as (

    {{ staged('agents') }}

),

status_mapping as (

    select * from {{ ref('status_mapping') }}

),

contacts_loaded as (

    select * from {{ ref('int_contacts_loaded') }}

),

first_human_messages as (

    select
        chat_messages.conversation_id,
        chat_messages.agent_id,
        chat_messages.sent_at,
        row_number() over (
            partition by chat_messages.conversation_id
            order by chat_messages.sent_at, chat_messages.message_id
        ) as message_rank
    from chat_messages
    inner join agents on chat_messages.agent_id = agents.agent_id
    where chat_messages.author_type = 'agent' and not agents.is_bot

),

unioned as (

    select
        {{ contact_event_id('ticket_events', 'event_id') }} as event_id,
        'ticket:' || ticket_id as contact_id,
        event_at,
        event_type,
        actor_type,
        agent_id,
        status as source_status,
        assignee_agent_id,
        team_id as new_team_id,
        coalesce(is_auto_acknowledgement, false) as is_auto_acknowledgement,
        body is not null as has_text
    from ticket_events

    union all

    select
        {{ contact_event_id('chat_messages', 'message_id') }} as event_id,
        'chat:' || conversation_id as contact_id,
        sent_at as event_at,
        'public_reply' as event_type,
        author_type as actor_type,
        agent_id,
        cast(null as {{ dbt.type_string() }}) as source_status,
        cast(null as {{ dbt.type_string() }}) as assignee_agent_id,
        cast(null as {{ dbt.type_string() }}) as new_team_id,
        false as is_auto_acknowledgement,
        body is not null as has_text
    from chat_messages

    union all

    select
        'chat:' || chats.conversation_id || ':assignment' as event_id,
        'chat:' || chats.conversation_id as contact_id,
        coalesce(chats.handed_over_at, first_human_messages.sent_at) as event_at,
        'assignment' as event_type,
        case when chats.handed_over_at is not null then 'bot' else 'system' end as actor_type,
        cast(null as {{ dbt.type_string() }}) as agent_id,
        cast(null as {{ dbt.type_string() }}) as source_status,
        first_human_messages.agent_id as assignee_agent_id,
        cast(null as {{ dbt.type_string() }}) as new_team_id,
        false as is_auto_acknowledgement,
        false as has_text
    from chats
    inner join first_human_messages
        on chats.conversation_id = first_human_messages.conversation_id and first_human_messages.message_rank = 1

    union all

    select
        'chat:' || conversation_id || ':end' as event_id,
        'chat:' || conversation_id as contact_id,
        ended_at as event_at,
        'status_change' as event_type,
        'system' as actor_type,
        cast(null as {{ dbt.type_string() }}) as agent_id,
        'solved' as source_status,
        cast(null as {{ dbt.type_string() }}) as assignee_agent_id,
        cast(null as {{ dbt.type_string() }}) as new_team_id,
        false as is_auto_acknowledgement,
        false as has_text
    from chats
    where ended_at is not null

),

final as (

    select
        unioned.event_id,
        unioned.contact_id,
        unioned.event_at,
        unioned.event_type,
        unioned.actor_type,
        unioned.agent_id,
        unioned.actor_type = 'agent' and not coalesce(agents.is_bot, false) as is_human_agent_actor,
        unioned.source_status,
        status_mapping.status,
        unioned.assignee_agent_id,
        unioned.new_team_id,
        unioned.is_auto_acknowledgement,
        unioned.has_text,
        contacts_loaded.loaded_at as contact_loaded_at
    from unioned
    left join agents on unioned.agent_id = agents.agent_id
    left join status_mapping on unioned.source_status = status_mapping.source_status
    left join contacts_loaded on unioned.contact_id = contacts_loaded.contact_id
    where {{ loaded_after_this('contacts_loaded.loaded_at') }}

)

select * from final
