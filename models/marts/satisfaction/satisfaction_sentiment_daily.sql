-- Grain: one row per contact creation date, channel and team: lexicon sentiment of the
-- customers' messages per conversation (contacts with at least one scored message).
with

contacts as (

    select * from {{ ref('fct_contacts') }}
    where scored_message_count > 0

),

final as (

    select
        created_date as date_day,
        channel,
        coalesce(team_id, 'unassigned') as team_id,
        count(*) as scored_conversation_count,
        sum(case when last_message_sentiment_score > {{ var('positive_sentiment_threshold') }} then 1 else 0 end)
            as positive_ending_conversation_count,
        {{ ratio('sum(case when last_message_sentiment_score > ' ~ var('positive_sentiment_threshold')
            ~ ' then 1 else 0 end)', 'count(*)') }} as positive_ending_rate,
        sum(mean_sentiment_score) as conversation_mean_sentiment_sum,
        {{ ratio('sum(mean_sentiment_score)', 'count(*)') }} as mean_conversation_sentiment,
        sum(last_message_sentiment_score) as last_message_sentiment_sum,
        sum(sentiment_shift) as sentiment_shift_sum,
        {{ ratio('sum(sentiment_shift)', 'count(*)') }} as mean_sentiment_shift
    from contacts
    group by 1, 2, 3

)

{{ select_contract_columns('final') }}
