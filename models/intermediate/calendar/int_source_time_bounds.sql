-- Grain: one row per dated column of the staged sources (each helpdesk model with its
-- connector twins, macro staged): its earliest and latest instant.
-- Every dated source widens the calendar (first_at); only instants at which something was
-- recorded move the data end (recorded_latest_at). Planned instants (shifts, absences,
-- subscription ends, agent hire and leave dates) can lie in the future, so they widen the
-- calendar but never the data end.
{%- set dated_columns = [
    ('stg_helpdesk__tickets', 'created_at', true),
    ('stg_helpdesk__tickets', 'updated_at', true),
    ('stg_helpdesk__ticket_events', 'event_at', true),
    ('stg_helpdesk__chat_conversations', 'started_at', true),
    ('stg_helpdesk__chat_conversations', 'handed_over_at', true),
    ('stg_helpdesk__chat_conversations', 'ended_at', true),
    ('stg_helpdesk__chat_messages', 'sent_at', true),
    ('stg_helpdesk__queue_entries', 'ivr_entered_at', true),
    ('stg_helpdesk__queue_entries', 'queued_at', true),
    ('stg_helpdesk__queue_entries', 'answered_at', true),
    ('stg_helpdesk__queue_entries', 'abandoned_at', true),
    ('stg_helpdesk__agent_work_records', 'started_at', true),
    ('stg_helpdesk__survey_responses', 'responded_at', true),
    ('stg_helpdesk__agent_pulse_responses', 'responded_at', true),
    ('stg_helpdesk__customers', 'created_at', true),
    ('stg_helpdesk__orders', 'ordered_at', true),
    ('stg_helpdesk__subscriptions', 'starts_at', true),
    ('stg_helpdesk__subscriptions', 'ends_at', false),
    ('stg_helpdesk__referrals', 'referred_at', true),
    ('stg_helpdesk__page_views', 'viewed_at', true),
    ('stg_helpdesk__self_service_sessions', 'started_at', true),
    ('stg_helpdesk__self_service_sessions', 'ended_at', true),
    ('stg_helpdesk__agent_shifts', 'starts_at', false),
    ('stg_helpdesk__agent_shifts', 'ends_at', false),
    ('stg_helpdesk__agent_absences', 'starts_at', false),
    ('stg_helpdesk__agent_absences', 'ends_at', false),
    ('stg_helpdesk__agents', 'hired_on', false),
    ('stg_helpdesk__agents', 'left_on', false),
    ('stg_helpdesk__cost_lines', 'incurred_on', false),
] %}
with

bounds as (

    {% for model_name, column_name, is_recorded in dated_columns %}
        select
            '{{ model_name }}' as source_model,
            '{{ column_name }}' as source_column,
            cast(min({{ column_name }}) as {{ dbt.type_timestamp() }}) as first_at,
            cast(max({{ column_name }}) as {{ dbt.type_timestamp() }}) as latest_at,
            {{ 'true' if is_recorded else 'false' }} as is_recorded
        from ({{ staged(model_name | replace('stg_helpdesk__', '')) }}) as staged_rows
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

final as (

    select
        source_model,
        source_column,
        first_at,
        latest_at,
        is_recorded,
        case when is_recorded then latest_at end as recorded_latest_at
    from bounds

)

select * from final
