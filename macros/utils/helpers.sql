{#- The data end: var as_of when set, else the latest event in the data (int_data_end).
    With as_of set the model still names int_data_end (in a comment), so it is built after it
    whatever the vars: unit tests that mock int_data_end need the relation to exist. -#}
{% macro as_of_timestamp() -%}
    {%- if var('as_of', '') -%}
        cast('{{ var("as_of") }}' as {{ dbt.type_timestamp() }}) /* after {{ ref('int_data_end') }} */
    {%- else -%}
        (select data_end_at from {{ ref('int_data_end') }})
    {%- endif -%}
{%- endmacro %}

{#- Safe division as a double: null when the denominator is 0 or null. -#}
{% macro ratio(numerator, denominator) -%}
    (cast({{ numerator }} as {{ type_double() }}) / nullif({{ denominator }}, 0))
{%- endmacro %}

{#- A double-precision float on every adapter (dbt.type_float is a 4-byte float on DuckDB).
    Measures are doubles so that every adapter returns the same values and BI tools need no
    decimal handling. -#}
{% macro type_double() -%}
    {{ return(adapter.dispatch('type_double', 'service_warehouse')()) }}
{%- endmacro %}

{% macro default__type_double() -%}
    double precision
{%- endmacro %}

{% macro spark__type_double() -%}
    double
{%- endmacro %}

{% macro bigquery__type_double() -%}
    float64
{%- endmacro %}

{#- A number as a double (money sums, so that adapters agree on the value's form). -#}
{% macro to_double(expression) -%}
    cast({{ expression }} as {{ type_double() }})
{%- endmacro %}

{#- The team a row is reported under: its team, or `unassigned`, the one explicit unknown
    member every mart's team column uses (contacts without a team, surveys linked to none). -#}
{% macro reporting_team(team_column) -%}
    coalesce({{ team_column }}, 'unassigned')
{%- endmacro %}

{#- The id of a contact event: the kind of contact it belongs to, then its source id. Stated
    once, for the event union and for the stored sentiments that join back to it. -#}
{% macro contact_event_id(source_table, id_column) -%}
    {%- set prefixes = {'ticket_events': 'ticket', 'chat_messages': 'chat'} -%}
    '{{ prefixes[source_table] }}:' || {{ id_column }}
{%- endmacro %}

{#- The contact event a stored sentiment reading (raw message_sentiments) belongs to. -#}
{% macro sentiment_event_id(source_table, message_id) -%}
    case
        when {{ source_table }} = 'ticket_events' then {{ contact_event_id('ticket_events', message_id) }}
        else {{ contact_event_id('chat_messages', message_id) }}
    end
{%- endmacro %}
