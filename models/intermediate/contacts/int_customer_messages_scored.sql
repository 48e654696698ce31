-- One row per customer message with text, scored for sentiment from -1 to +1 by the
-- lexicon in seed sentiment_lexicon: the valences of its words are summed and normalised
-- as s / sqrt(s^2 + 15) (the normalisation VADER uses); no known word scores 0.
with

events as (

    select * from {{ ref('int_contact_events_sequenced') }}

),

lexicon as (

    select * from {{ ref('sentiment_lexicon') }}

),

messages as (

    select event_id, contact_id, event_sequence, event_at, body
    from events
    where is_customer_message and body is not null

),

words as (

    select
        event_id,
        {{ unnest_words('body') }} as word
    from messages

),

valences as (

    select
        words.event_id,
        sum(lexicon.valence) as valence_sum,
        count(*) as lexicon_word_count
    from words
    inner join lexicon on words.word = lexicon.word
    group by words.event_id

),

final as (

    select
        messages.event_id,
        messages.contact_id,
        messages.event_sequence,
        messages.event_at,
        coalesce(valences.lexicon_word_count, 0) as lexicon_word_count,
        coalesce(
            {{ to_double('valences.valence_sum') }}
            / sqrt({{ to_double('valences.valence_sum * valences.valence_sum + 15') }}),
            0
        ) as sentiment_score
    from messages
    left join valences on messages.event_id = valences.event_id

)

select * from final
