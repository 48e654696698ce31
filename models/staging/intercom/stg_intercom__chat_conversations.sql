-- Intercom conversations (Fivetran `conversation_history`, latest version of each) in the shape
-- of stg_helpdesk__chat_conversations. The contact is the conversation's latest one: a `user`
-- is a customer, a `lead` an anonymous visitor. A conversation the bot (Fin, Operator,
-- workflows) answered before any admin is bot-started; it is handed over at the first admin
-- part or the first assignment to an admin or a team. Intercom's `priority` is high, anything
-- else normal; a closed conversation ends at its last close. The team is the latest team it
-- was assigned to, else its assignee team, else the first team of its assigned admin.
{%- set is_bot_started = "(conversations.source_author_type = 'bot' or first_responders.author_type = 'bot')" %}
{%- set team_id_expression = (
    'coalesce(team_assignments.assigned_team_id, conversations.assignee_team_id, '
    ~ dbt.cast('admin_teams.team_id', dbt.type_string()) ~ ')'
) %}
with

conversations as (

    select
        *,
        case when assignee_type = 'team' then assignee_id end as assignee_team_id,
        case when assignee_type = 'admin' then assignee_id end as assignee_admin_id
    from {{ ref('base_intercom__conversations') }}

),

admin_teams as (

    select * from {{ ref('base_intercom__admin_teams') }}

),

parts as (

    select * from {{ ref('base_intercom__conversation_parts') }}

),

contacts as (

    select * from {{ ref('base_intercom__contacts') }}

),

conversation_contacts as (

    select * from {{ ref('base_intercom__conversation_contacts') }}

),

tags as (

    select
        conversation_tags.conversation_id,
        {{ dbt.listagg('tag.name', "';'", 'order by tag.name') }} as tags
    from (
        select
            conversation_id,
            tag_id,
            rank() over (partition by conversation_id order by conversation_updated_at desc) as version_rank
        from {{ source('intercom', 'conversation_tag_history') }}
    ) as conversation_tags
    inner join {{ source('intercom', 'tag') }} as tag on conversation_tags.tag_id = tag.id
    where conversation_tags.version_rank = 1
    group by conversation_tags.conversation_id

),

first_responders as (

    select conversation_id, author_type
    from (
        select
            conversation_id,
            author_type,
            row_number() over (partition by conversation_id order by created_at, id) as part_rank
        from parts
        where author_type in ('admin', 'bot')
    ) as responders
    where part_rank = 1

),

part_moments as (

    select
        conversation_id,
        min(case
            when author_type = 'admin' then created_at
            when part_type in ('assignment', 'default_assignment') and assigned_to_type in ('admin', 'team')
                then created_at
        end) as handed_over_at,
        max(case when part_type = 'close' then created_at end) as last_closed_at
    from parts
    group by conversation_id

),

team_assignments as (

    select conversation_id, assigned_to_id as assigned_team_id
    from (
        select
            conversation_id,
            assigned_to_id,
            row_number() over (partition by conversation_id order by created_at desc, id desc) as assignment_rank
        from parts
        where assigned_to_type = 'team'
    ) as assignments
    where assignment_rank = 1

),

renamed as (

    select
        {{ connector_id('intercom', 'conversations.id') }} as conversation_id,
        case when contacts.role = 'user' then {{ connector_id('intercom', 'contacts.id') }} end as customer_id,
        case when contacts.role = 'lead' then {{ connector_id('intercom', 'contacts.id') }} end as visitor_id,
        {{ connector_id('intercom', team_id_expression) }} as team_id,
        cast(null as {{ dbt.type_string() }}) as reason,
        cast(case when conversations.priority = 'priority' then 'high' else 'normal' end as {{ dbt.type_string() }})
            as priority,
        cast(tags.tags as {{ dbt.type_string() }}) as tags,
        cast(conversations.created_at as {{ dbt.type_timestamp() }}) as started_at,
        cast(case when {{ is_bot_started }} then 'bot' else 'customer' end as {{ dbt.type_string() }}) as started_by,
        cast(case when {{ is_bot_started }} then part_moments.handed_over_at end as {{ dbt.type_timestamp() }})
            as handed_over_at,
        cast(
            case when conversations.state = 'closed' then part_moments.last_closed_at end as {{ dbt.type_timestamp() }}
        ) as ended_at,
        cast('{{ var("intercom_source_system") }}' as {{ dbt.type_string() }}) as source_system,
        cast(null as {{ dbt.type_string() }}) as load_id,
        cast(conversations._fivetran_synced as {{ dbt.type_timestamp() }}) as loaded_at
    from conversations
    left join conversation_contacts on conversations.id = conversation_contacts.conversation_id
    left join contacts on conversation_contacts.contact_id = contacts.id
    left join tags on conversations.id = tags.conversation_id
    left join first_responders on conversations.id = first_responders.conversation_id
    left join part_moments on conversations.id = part_moments.conversation_id
    left join team_assignments on conversations.id = team_assignments.conversation_id
    left join admin_teams on conversations.assignee_admin_id = {{ dbt.cast('admin_teams.admin_id', dbt.type_string()) }}

)

select * from renamed
