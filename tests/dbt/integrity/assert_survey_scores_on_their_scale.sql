-- Each survey answer lies on its survey's scale.
select response_id, survey_type, score
from {{ ref('fct_survey_responses') }}
where
    (survey_type = 'csat' and score not between 1 and 5)
    or (survey_type = 'nps' and score not between 0 and 10)
    or (survey_type = 'ces' and score not between 1 and 7)
    or (survey_type = 'smiley' and score not between 1 and 3)
